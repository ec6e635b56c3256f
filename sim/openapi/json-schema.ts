/** Turn GitHub's OpenAPI 3.0 schemas into plain JSON Schema that ajv compiles (nullable → null type). */

type Node = { [key: string]: unknown };

/** Rewrite `nullable: true` throughout `value` into JSON Schema; `relax` also drops enums (shape checks accept new enum values). */
export function toJsonSchema(value: unknown, relax = false): unknown {
  if (Array.isArray(value)) return value.map((v) => toJsonSchema(v, relax));
  if (value === null || typeof value !== "object") return value;
  const out: Node = {};
  for (const [k, v] of Object.entries(value as Node)) {
    if (k === "nullable") continue;
    if (relax && (k === "enum" || k === "const")) continue;
    // `properties` maps names to schemas; a property may itself be called "nullable" or "enum".
    out[k] =
      k === "properties"
        ? Object.fromEntries(
            Object.entries(v as Node).map(([name, s]) => [name, toJsonSchema(s, relax)]),
          )
        : toJsonSchema(v, relax);
  }
  // Erratum: GitHub's description inlines an installation's `account` (apps/list-installations) as
  // allOf [Simple User, Enterprise], which no response can satisfy; the `installation` component
  // says anyOf, as GitHub answers. Read it as anyOf.
  if (Array.isArray(out.allOf) && isUserOrEnterprise(out.allOf)) {
    out.anyOf = out.allOf;
    delete out.allOf;
  }
  if ((value as Node).nullable !== true) return out;
  if (typeof out.type === "string") {
    out.type = [out.type, "null"];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: "null" }] };
}

function isUserOrEnterprise(list: unknown[]): boolean {
  const titles = list.map((s) => (s as Node | null)?.title);
  return titles.length === 2 && titles[0] === "Simple User" && titles[1] === "Enterprise";
}

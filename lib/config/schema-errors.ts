/** ajv's errors turned into findings that name the fix: unknown keys with a suggestion, allowed values, expected types. */
import type { ErrorObject } from "ajv";
import type { PathSegment } from "./context.ts";
import { nearestName } from "./suggest.ts";
import type { Anchor } from "./yaml-document.ts";

/** One schema problem at a path of the document; the loader turns the path into a position. */
export interface SchemaFinding {
  path: PathSegment[];
  anchor: Anchor;
  message: string;
}

type Schema = Record<string, unknown>;

/** The segments of an ajv instancePath, with array indexes as numbers. */
export function instancePathSegments(pointer: string, root: unknown): PathSegment[] {
  if (pointer === "") return [];
  const segments: PathSegment[] = [];
  let node: unknown = root;
  for (const raw of pointer.slice(1).split("/")) {
    const text = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    const segment: PathSegment = Array.isArray(node) ? Number(text) : text;
    segments.push(segment);
    node =
      node !== null && typeof node === "object"
        ? (node as Record<string, unknown>)[text]
        : undefined;
  }
  return segments;
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  if (typeof value === "number")
    return Number.isInteger(value) ? `the integer ${value}` : `the number ${value}`;
  if (typeof value === "boolean") return `the boolean ${value}`;
  return String(value);
}

const TYPE_NAMES: Record<string, string> = {
  string: "a string",
  number: "a number",
  integer: "an integer",
  boolean: "true or false",
  object: "a mapping (key: value lines)",
  array: "a list",
  null: "null",
};

function typeMessage(expected: string | string[], data: unknown): string {
  const types = Array.isArray(expected) ? expected : expected.split(",");
  const wanted = types.map((t) => TYPE_NAMES[t] ?? t).join(" or ");
  const got = describeValue(data);
  let fix = "";
  if (types.includes("string") && (typeof data === "number" || typeof data === "boolean")) {
    fix = "; quote it";
  } else if ((types.includes("number") || types.includes("integer")) && typeof data === "string") {
    fix =
      Number.isFinite(Number(data)) && data.trim() !== ""
        ? "; remove the quotes"
        : "; write a number";
  } else if (types.includes("integer") && typeof data === "number") {
    fix = "; write a whole number";
  } else if (types.includes("object")) {
    fix = '; write "key: value" lines indented under it';
  } else if (types.includes("array")) {
    fix = '; write "- item" lines or [a, b]';
  } else if (types.includes("boolean")) {
    fix = "; write true or false";
  }
  return `expected ${wanted}, got ${got}${fix}`;
}

const FORMAT_EXAMPLES: Record<string, string> = {
  "date-time": "an RFC 3339 date-time with an offset, such as 2025-01-31T18:00:00Z",
  date: "a date such as 2025-01-31",
  uri: "an absolute URL such as https://example.com",
  email: "an email address",
};

function showValues(values: unknown[]): string {
  return values.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ");
}

function enumMessage(allowed: unknown[], data: unknown): string {
  const strings = allowed.filter((v): v is string => typeof v === "string");
  const guess = typeof data === "string" ? nearestName(data, strings) : undefined;
  const shown = typeof data === "string" ? JSON.stringify(data) : describeValue(data);
  return guess !== undefined
    ? `${shown} is not allowed; did you mean "${guess}"? (allowed: ${showValues(allowed)})`
    : `${shown} is not allowed; use one of: ${showValues(allowed)}`;
}

function unknownKeyMessage(key: string, parentSchema: Schema | undefined): string {
  const properties = Object.keys((parentSchema?.properties as Schema | undefined) ?? {});
  const guess = nearestName(key, properties);
  if (guess !== undefined) return `unknown key "${key}"; did you mean "${guess}"?`;
  if (properties.length === 0) return `unknown key "${key}"; remove it`;
  return `unknown key "${key}"; remove it or use one of: ${properties.join(", ")}`;
}

/** "(required when runner is argo)" from an if/then pair whose `if` names constant properties. */
function conditionText(ifSchema: unknown): string {
  const properties = (ifSchema as Schema | undefined)?.properties as
    | Record<string, Schema>
    | undefined;
  if (!properties) return "";
  const parts = Object.entries(properties)
    .filter(([, s]) => s && "const" in s)
    .map(([name, s]) => `${name} is ${showValues([s.const])}`);
  return parts.length > 0 ? ` (required when ${parts.join(" and ")})` : "";
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Turn ajv's errors (allErrors, verbose) on `root` into findings; drops summaries that only repeat inner errors. */
export function schemaFindings(errors: readonly ErrorObject[], root: unknown): SchemaFinding[] {
  // if/then: keep the inner `then` errors, phrased with the condition; drop ajv's "must match then".
  const conditions = new Map<string, string>();
  for (const e of errors) {
    if (e.keyword === "if") {
      const prefix = `${e.instancePath}|${e.schemaPath.replace(/\/if$/, "/then/")}`;
      conditions.set(prefix, conditionText((e.parentSchema as Schema | undefined)?.if));
    }
  }
  // The inner errors of propertyNames say why a key is a bad name; keep the rule they carry.
  const nameRules = new Map<string, string>();
  for (const e of errors) {
    const name = (e as { propertyName?: string }).propertyName;
    if (name === undefined) continue;
    const rule = (e.parentSchema as Schema | undefined)?.errorMessage;
    const key = `${e.instancePath}|${name}`;
    if (typeof rule === "string" && !nameRules.has(key)) nameRules.set(key, rule);
  }
  const findings: SchemaFinding[] = [];
  for (const e of errors) {
    const path = instancePathSegments(e.instancePath, root);
    const parent = e.parentSchema as Schema | undefined;
    const params = e.params as Record<string, unknown>;
    // Errors inside propertyNames are reported once, by the propertyNames error itself.
    if ((e as { propertyName?: string }).propertyName !== undefined) continue;
    switch (e.keyword) {
      case "if":
        continue;
      case "anyOf":
      case "oneOf": {
        const prefix = e.instancePath;
        const inner = errors.some(
          (o) =>
            o !== e &&
            o.keyword !== "if" &&
            o.instancePath.startsWith(prefix) &&
            o.instancePath !== prefix,
        );
        if (inner) continue;
        findings.push({
          path,
          anchor: "value",
          message: "does not match any allowed form; see the schema's description",
        });
        continue;
      }
      case "additionalProperties":
      case "unevaluatedProperties": {
        const key = String(params.additionalProperty ?? params.unevaluatedProperty);
        findings.push({
          path: [...path, key],
          anchor: "key",
          message: unknownKeyMessage(key, parent),
        });
        continue;
      }
      case "required": {
        const key = String(params.missingProperty);
        let condition = "";
        for (const [prefix, text] of conditions) {
          const [instance, schemaPrefix] = prefix.split("|") as [string, string];
          if (instance === e.instancePath && e.schemaPath.startsWith(schemaPrefix))
            condition = text;
        }
        findings.push({
          path,
          anchor: "value",
          message: `missing required key "${key}"${condition}; add it`,
        });
        continue;
      }
      case "propertyNames": {
        const name = String(params.propertyName);
        const rule = nameRules.get(`${e.instancePath}|${name}`);
        findings.push({
          path: [...path, name],
          anchor: "key",
          message: `"${name}" is not a valid name${rule ? `; ${rule}` : ""}`,
        });
        continue;
      }
      case "type":
        findings.push({
          path,
          anchor: "value",
          message: typeMessage(params.type as string | string[], e.data),
        });
        continue;
      case "enum":
        findings.push({
          path,
          anchor: "value",
          message: enumMessage(params.allowedValues as unknown[], e.data),
        });
        continue;
      case "const":
        findings.push({
          path,
          anchor: "value",
          message: `must be ${showValues([params.allowedValue])}`,
        });
        continue;
      case "pattern": {
        const rule = parent?.errorMessage;
        findings.push({
          path,
          anchor: "value",
          message: `${JSON.stringify(e.data)} is not valid; ${rule ?? `write a value matching ${String(params.pattern)}`}`,
        });
        continue;
      }
      case "format": {
        const example =
          FORMAT_EXAMPLES[String(params.format)] ?? `a valid ${String(params.format)}`;
        findings.push({
          path,
          anchor: "value",
          message: `${JSON.stringify(e.data)} is not valid; write ${example}`,
        });
        continue;
      }
      case "minimum":
      case "maximum":
      case "exclusiveMinimum":
      case "exclusiveMaximum": {
        const op = { minimum: "≥", maximum: "≤", exclusiveMinimum: ">", exclusiveMaximum: "<" }[
          e.keyword
        ];
        findings.push({
          path,
          anchor: "value",
          message: `must be ${op} ${String(params.limit)}, got ${String(e.data)}`,
        });
        continue;
      }
      case "minItems":
        findings.push({
          path,
          anchor: "value",
          message: `needs at least ${plural(Number(params.limit), "item")}; add more`,
        });
        continue;
      case "maxItems":
        findings.push({
          path,
          anchor: "value",
          message: `allows at most ${plural(Number(params.limit), "item")}; remove some`,
        });
        continue;
      case "minLength":
        findings.push({
          path,
          anchor: "value",
          message:
            Number(params.limit) === 1
              ? "must not be empty; write a value"
              : `must be at least ${plural(Number(params.limit), "character")} long`,
        });
        continue;
      case "maxLength":
        findings.push({
          path,
          anchor: "value",
          message: `must be at most ${plural(Number(params.limit), "character")} long; shorten it`,
        });
        continue;
      case "minProperties":
        findings.push({
          path,
          anchor: "value",
          message: `needs at least ${plural(Number(params.limit), "key")}; add one`,
        });
        continue;
      case "uniqueItems": {
        const later = Math.max(Number(params.i), Number(params.j));
        const earlier = Math.min(Number(params.i), Number(params.j));
        findings.push({
          path: [...path, later],
          anchor: "value",
          message: `duplicate of item ${earlier}; remove one of them`,
        });
        continue;
      }
      default:
        findings.push({
          path,
          anchor: "value",
          message: e.message ?? `fails the schema's ${e.keyword} rule`,
        });
    }
  }
  return findings;
}

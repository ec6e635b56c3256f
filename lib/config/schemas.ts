/** The JSON Schemas of every file kind, in one shared ajv instance: each compiled once, on first use. */
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import draft07 from "ajv/dist/refs/json-schema-draft-07.json" with { type: "json" };
import formatsModule from "ajv-formats";
import dataPolicy from "../../policies/schemas/data-policy.schema.json" with { type: "json" };
import environment from "../../policies/schemas/environment.schema.json" with { type: "json" };
import gates from "../../policies/schemas/gates.schema.json" with { type: "json" };
import mlops from "../../policies/schemas/mlops.schema.json" with { type: "json" };
import policy from "../../policies/schemas/policy.schema.json" with { type: "json" };
import registry from "../../policies/schemas/registry.schema.json" with { type: "json" };

// CommonJS interop differs by runtime: tsc and Bun see the plugin function, Deno sees the module
// object whose `default` is the function.
const addFormats = ((formatsModule as unknown as { default?: unknown }).default ??
  formatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

/** Schema files by the file name they `$ref` each other with. */
export const SCHEMA_FILES = {
  "mlops.schema.json": mlops,
  "policy.schema.json": policy,
  "environment.schema.json": environment,
  "registry.schema.json": registry,
  "data-policy.schema.json": dataPolicy,
  "gates.schema.json": gates,
} as const;

/** The file name of one of the schemas. */
export type SchemaFile = keyof typeof SCHEMA_FILES;

let shared: Ajv2020 | undefined;

/** The one ajv instance: draft 2020-12 and draft-07 schemas, formats, all errors, verbose (for messages). */
export function schemaRegistry(): Ajv2020 {
  if (shared) return shared;
  // strict: false so a teammate's schema with an unknown keyword degrades to a no-op, not a crash;
  // test/config checks our own schemas under strict mode.
  const ajv = new Ajv2020({
    allErrors: true,
    verbose: true,
    strict: false,
    logger: false,
    validateSchema: false,
  });
  ajv.addMetaSchema(draft07);
  addFormats(ajv);
  // A message for pattern failures, also understood by VS Code's JSON/YAML schema support.
  ajv.addKeyword({ keyword: "errorMessage", schemaType: "string" });
  for (const [name, schema] of Object.entries(SCHEMA_FILES)) {
    // Registered under the file name so `"$ref": "gates.schema.json"` resolves as in editors.
    const { $id: _ignored, ...body } = schema as Record<string, unknown>;
    ajv.addSchema(body, name);
  }
  shared = ajv;
  return ajv;
}

const compiled = new Map<SchemaFile, ValidateFunction>();

/** The compiled validator of one schema file (compiled on first use, then reused). */
export function validatorFor(file: SchemaFile): ValidateFunction {
  let validate = compiled.get(file);
  if (!validate) {
    validate = schemaRegistry().getSchema(file);
    if (!validate) throw new Error(`schema ${file} is not registered`);
    compiled.set(file, validate);
  }
  return validate;
}

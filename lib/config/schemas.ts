/**
 * The JSON Schemas of every file kind, and their validators. The validators are compiled ahead of
 * time (scripts/gen-validators.ts → validators.gen.ts) with the options a run-time ajv compile
 * would use — all errors, verbose — so no command pays ajv's compile when it starts.
 */
import type { ValidateFunction } from "ajv";
import dataPolicy from "../../policies/schemas/data-policy.schema.json" with { type: "json" };
import environment from "../../policies/schemas/environment.schema.json" with { type: "json" };
import gates from "../../policies/schemas/gates.schema.json" with { type: "json" };
import mlops from "../../policies/schemas/mlops.schema.json" with { type: "json" };
import policy from "../../policies/schemas/policy.schema.json" with { type: "json" };
import registry from "../../policies/schemas/registry.schema.json" with { type: "json" };
import { VALIDATORS } from "./validators.gen.ts";

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

/** The compiled validator of one schema file. */
export function validatorFor(file: SchemaFile): ValidateFunction {
  return VALIDATORS[file] as ValidateFunction;
}

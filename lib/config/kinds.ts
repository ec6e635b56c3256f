/** The kinds of files mlops-bot validates: each a schema and a semantic check, and how a path tells the kind. */
import { checkDataPolicy } from "../data/policy-semantics.ts";
import { checkGates } from "../gates/policy-semantics.ts";
import type { SemanticCheck } from "./context.ts";
import type { SchemaFile } from "./schemas.ts";
import { checkEnvironment } from "./semantics/environment.ts";
import { checkMlops } from "./semantics/mlops.ts";
import { checkPolicy } from "./semantics/policy.ts";
import { checkRegistry } from "./semantics/registry.ts";

/** One kind of file: where it lives, its schema, and the checks after the schema. */
export interface FileKind {
  name: FileKindName;
  /** What files of this kind hold and where they live, for messages. */
  label: string;
  schema: SchemaFile;
  check: SemanticCheck<unknown>;
}

/** Every kind's name. */
export const FILE_KIND_NAMES = [
  "mlops",
  "policy",
  "environment",
  "registry",
  "data-policy",
  "gates",
] as const;

/** The name of a file kind (`--kind` in the CLI). */
export type FileKindName = (typeof FILE_KIND_NAMES)[number];

/** The kinds by name. */
export const FILE_KINDS: Record<FileKindName, FileKind> = {
  mlops: {
    name: "mlops",
    label: "ML repository settings (.github/mlops.yml)",
    schema: "mlops.schema.json",
    check: checkMlops as SemanticCheck<unknown>,
  },
  policy: {
    name: "policy",
    label: "promotion policy (policies/<environment>.yml)",
    schema: "policy.schema.json",
    check: checkPolicy as SemanticCheck<unknown>,
  },
  environment: {
    name: "environment",
    label: "environment state (environments/<environment>.yaml)",
    schema: "environment.schema.json",
    check: checkEnvironment as SemanticCheck<unknown>,
  },
  registry: {
    name: "registry",
    label: "model registry (registry/<model>.yaml)",
    schema: "registry.schema.json",
    check: checkRegistry as SemanticCheck<unknown>,
  },
  "data-policy": {
    name: "data-policy",
    label: "data checks",
    schema: "data-policy.schema.json",
    check: checkDataPolicy as SemanticCheck<unknown>,
  },
  gates: {
    name: "gates",
    label: "quality gates",
    schema: "gates.schema.json",
    check: checkGates as SemanticCheck<unknown>,
  },
};

/** Whether `name` is a kind's name. */
export function isFileKindName(name: string): name is FileKindName {
  return (FILE_KIND_NAMES as readonly string[]).includes(name);
}

/** The kind a path implies (`.github/mlops.yml`, `policies/*.yml`, `environments/*.yaml`, `registry/*.yaml`), or undefined. */
export function kindFromPath(path: string): FileKindName | undefined {
  const parts = path.replace(/\\/g, "/").split("/");
  const base = parts[parts.length - 1] ?? "";
  const dir = parts[parts.length - 2];
  if (dir === ".github" && /^mlops\.ya?ml$/.test(base)) return "mlops";
  if (dir === "policies" && /\.ya?ml$/.test(base)) return "policy";
  if (dir === "environments" && /\.ya?ml$/.test(base)) return "environment";
  if (dir === "registry" && /\.ya?ml$/.test(base)) return "registry";
  return undefined;
}

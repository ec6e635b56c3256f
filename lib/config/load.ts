/** The loader: YAML with positions → schema (ajv) → semantic checks, every problem as file:line:column: path: message. */
import type { ValidationResult } from "../diagnostics.ts";
import type { FileKindName } from "./kinds.ts";
import { locateIn, ordered, validateValue } from "./validate-value.ts";
import { parseYaml } from "./yaml-document.ts";

export {
  type ExtendsRef,
  loadMlopsConfig,
  parseExtendsRef,
  type ResolveExtends,
} from "./extends.ts";
export { FILE_KIND_NAMES, type FileKindName, isFileKindName, kindFromPath } from "./kinds.ts";

/** Parse and validate one file of a kind; never throws on any text. */
export function loadDocument<T>(params: {
  file: string;
  text: string;
  kind: FileKindName;
}): ValidationResult<T> {
  const parsed = parseYaml(params.file, params.text);
  if (parsed.value === undefined && parsed.errors.length > 0) {
    return { valid: false, errors: ordered(parsed.errors), warnings: ordered(parsed.warnings) };
  }
  const result = validateValue<T>({
    value: parsed.value,
    kind: params.kind,
    file: params.file,
    locate: locateIn(parsed),
  });
  const warnings = ordered([...parsed.warnings, ...result.warnings]);
  if (parsed.errors.length === 0) return { ...result, warnings };
  // Duplicate keys: reported with whatever the schema and semantic checks found.
  return { valid: false, errors: ordered([...parsed.errors, ...result.errors]), warnings };
}

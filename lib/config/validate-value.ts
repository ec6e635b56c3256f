/** Schema and semantic validation of a parsed value, with findings placed back in the file(s) they come from. */
import type { Diagnostic, ValidationResult } from "../diagnostics.ts";
import type { PathSegment, SemanticContext } from "./context.ts";
import { FILE_KINDS, type FileKindName } from "./kinds.ts";
import { type SchemaFinding, schemaFindings } from "./schema-errors.ts";
import { validatorFor } from "./schemas.ts";
import { type Anchor, dottedPath, type ParsedYaml, positionOf } from "./yaml-document.ts";

/** Where a finding at a path lands: the file (of an `_extends` chain) that holds it, and its position. */
export type Locate = (path: readonly PathSegment[], anchor: Anchor) => Omit<Diagnostic, "message">;

/** Locate paths in one parsed file. */
export function locateIn(parsed: ParsedYaml): Locate {
  return (path, anchor) => ({
    file: parsed.file,
    ...positionOf(parsed, path, anchor),
    path: dottedPath(path),
  });
}

/** Findings top to bottom (files in `files` order, then line and column), each identical one once. */
export function ordered(list: Diagnostic[], files: readonly string[] = []): Diagnostic[] {
  const seen = new Set<string>();
  const unique = list.filter((d) => {
    const key = `${d.file}\u0000${d.line}\u0000${d.column}\u0000${d.path}\u0000${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const rank = (file: string) => {
    const index = files.indexOf(file);
    return index === -1 ? files.length : index;
  };
  return unique.sort(
    (a, b) => rank(a.file) - rank(b.file) || a.line - b.line || a.column - b.column,
  );
}

/** Validate a parsed value against a kind's schema and semantic checks, placing findings with `locate`. */
export function validateValue<T>(params: {
  value: unknown;
  kind: FileKindName;
  file: string;
  locate: Locate;
  /** The files findings may land in, in reporting order (an `_extends` chain). */
  files?: readonly string[];
}): ValidationResult<T> {
  const { value, locate } = params;
  const files = params.files ?? [params.file];
  const kind = FILE_KINDS[params.kind];
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const at = (finding: SchemaFinding): Diagnostic => ({
    ...locate(finding.path, finding.anchor),
    message: finding.message,
  });
  if (value === undefined || value === null) {
    errors.push({
      ...locate([], "value"),
      message: `the file is empty; write the ${kind.label} as "key: value" lines`,
    });
    return { valid: false, errors, warnings };
  }
  const validate = validatorFor(kind.schema);
  if (!validate(value)) {
    for (const finding of schemaFindings(validate.errors ?? [], value)) errors.push(at(finding));
    return { valid: false, errors: ordered(errors, files), warnings };
  }
  const ctx: SemanticContext = {
    file: params.file,
    error: (path, message) => errors.push(at({ path: [...path], anchor: "value", message })),
    warning: (path, message) => warnings.push(at({ path: [...path], anchor: "value", message })),
  };
  try {
    kind.check(value, ctx);
  } catch (error) {
    // A check that crashes is a bug, but users still get a line instead of a stack trace.
    const reason = error instanceof Error ? error.message : String(error);
    errors.push({
      ...locate([], "value"),
      message: `internal error in the ${kind.name} checks (${reason}); please report it`,
    });
  }
  return errors.length > 0
    ? { valid: false, errors: ordered(errors, files), warnings: ordered(warnings, files) }
    : { valid: true, errors: [], warnings: ordered(warnings, files), value: value as T };
}

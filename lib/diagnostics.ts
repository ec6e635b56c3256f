/** Positioned errors and warnings: how every check of a user file reports what to fix (DESIGN §3.1). */

/** One finding at a place in a user file. `line` and `column` are 1-based; `path` is a JSON Pointer-like dotted path into the document ("" for the whole file). */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  path: string;
  message: string;
}

/** The result of validating a file: `valid` is false when there is any error; warnings never fail. */
export interface ValidationResult<T = unknown> {
  valid: boolean;
  errors: Diagnostic[];
  warnings: Diagnostic[];
  /** The parsed, schema-valid value; undefined when invalid. */
  value?: T;
}

/** `file:line:column: path: message`, the text form of a diagnostic. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = `${d.file}:${d.line}:${d.column}`;
  return d.path ? `${where}: ${d.path}: ${d.message}` : `${where}: ${d.message}`;
}

/** Sort diagnostics by file, line, column, so output reads top to bottom. */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
}

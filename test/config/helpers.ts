import { type FileKindName, loadDocument } from "../../lib/config/load.ts";
import { formatDiagnostic } from "../../lib/diagnostics.ts";

/** The errors (then warnings, prefixed) of a document as the CLI prints them. */
export function report(file: string, text: string, kind: FileKindName): string[] {
  const result = loadDocument({ file, text, kind });
  return [
    ...result.errors.map(formatDiagnostic),
    ...result.warnings.map((d) => `warning: ${formatDiagnostic(d)}`),
  ];
}

/** Join lines into a YAML document. */
export function yaml(...lines: string[]): string {
  return `${lines.join("\n")}\n`;
}

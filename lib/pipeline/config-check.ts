/** The `mlops/config` check run from a config validation: every error annotated at file:line. */
import { type Diagnostic, formatDiagnostic, type ValidationResult } from "../diagnostics.ts";
import type { Annotation, CheckConclusion, CheckRunOutput } from "../forge.ts";
import { fitText, MAX_CHECK_TEXT } from "./names.ts";

/** What the config check run shows. */
export interface ConfigCheckPlan {
  conclusion: CheckConclusion;
  output: CheckRunOutput;
}

function annotation(d: Diagnostic, level: Annotation["annotation_level"]): Annotation {
  return {
    path: d.file,
    start_line: Math.max(1, d.line),
    end_line: Math.max(1, d.line),
    annotation_level: level,
    title: d.path ? d.path : "mlops.yml",
    message: d.message,
  };
}

/**
 * Errors (and warnings) as annotations. Only diagnostics in `localFiles` are annotated (GitHub can only
 * point at files of this repository); those in an `_extends` file are listed in the summary.
 */
export function planConfigCheck(params: {
  result: ValidationResult;
  localFiles: string[];
  /** A sentence shown on a valid config (e.g. policy changes that wait for the merge). */
  note?: string;
}): ConfigCheckPlan {
  const { result, localFiles } = params;
  const local = (d: Diagnostic) => localFiles.includes(d.file);
  const annotations = [
    ...result.errors.filter(local).map((d) => annotation(d, "failure")),
    ...result.warnings.filter(local).map((d) => annotation(d, "warning")),
  ];
  const lines = (list: Diagnostic[]) => list.map((d) => `- \`${formatDiagnostic(d)}\``);
  if (result.valid) {
    const summary = [
      "The configuration is valid.",
      ...(params.note ? ["", params.note] : []),
      ...(result.warnings.length ? ["", "**Warnings**", "", ...lines(result.warnings)] : []),
    ].join("\n");
    return {
      conclusion: "success",
      output: { title: "Configuration is valid", summary, annotations },
    };
  }
  const n = result.errors.length;
  const summary = fitText(
    [
      `The configuration has ${n} ${n === 1 ? "error" : "errors"}; nothing else runs until it is fixed.`,
      "",
      ...lines(result.errors),
      ...(result.warnings.length ? ["", "**Warnings**", "", ...lines(result.warnings)] : []),
    ].join("\n"),
    MAX_CHECK_TEXT,
  );
  return {
    conclusion: "failure",
    output: {
      title: `Configuration invalid: ${n} ${n === 1 ? "error" : "errors"}`,
      summary,
      annotations,
    },
  };
}

/** Check-run annotations (GitHub's shape) from a data-check result: one per failed check per listed row. */
import type { DataCheckResult } from "../check-data.ts";

/** GitHub's check-run annotation. */
export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: "failure" | "warning" | "notice";
  title: string;
  message: string;
}

/** Failed checks become failures at their rows; a check without rows (rows, strict, a missing column) points at line 1. */
export function renderAnnotations(result: DataCheckResult, path = result.file): Annotation[] {
  const out: Annotation[] = [];
  for (const check of result.checks) {
    if (check.passed) continue;
    const lines = check.rows.length > 0 ? check.rows : [1];
    for (const line of lines) {
      out.push({
        path,
        start_line: line,
        end_line: line,
        annotation_level: "failure",
        title: `${check.id}: expected ${check.expected}`,
        message: check.message,
      });
    }
  }
  for (const c of result.drift?.columns ?? []) {
    if (!c.drifted) continue;
    out.push({
      path,
      start_line: 1,
      end_line: 1,
      annotation_level: "warning",
      title: `drift: ${c.column}`,
      message: `${c.column} drifted: ${c.method} ${c.score} (threshold ${c.threshold})`,
    });
  }
  return out;
}

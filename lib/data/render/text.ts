/** The terminal form of a data-check result: failed checks first, one line each, then drift and a summary. */
import type { DataCheckResult } from "../check-data.ts";
import type { CheckResult } from "../checks/result.ts";

/** Failed checks before passed ones, each group in policy order. */
export function failedFirst(checks: CheckResult[]): CheckResult[] {
  return [...checks.filter((c) => !c.passed), ...checks.filter((c) => c.passed)];
}

/** A number for people: at most 4 significant decimals. */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(4)));
}

function lineList(rows: number[]): string {
  if (rows.length === 0) return "";
  return ` (line${rows.length === 1 ? "" : "s"} ${rows.join(", ")}${rows.length === 20 ? ", ..." : ""})`;
}

/** Render the result as plain text lines ending with a newline. */
export function renderText(result: DataCheckResult): string {
  const out: string[] = [];
  for (const check of failedFirst(result.checks)) {
    out.push(
      `${check.passed ? "ok  " : "FAIL"} ${check.id}: ${check.message}${lineList(check.rows)}`,
    );
  }
  const drift = result.drift;
  if (drift) {
    const drifted = drift.columns.filter((c) => c.drifted).length;
    out.push(
      `${drift.drifted ? "FAIL" : "ok  "} drift: ${drifted} of ${drift.columns.length} columns drifted (share ${formatNumber(drift.share)}, dataset threshold ${formatNumber(drift.threshold)})`,
    );
    for (const c of [...drift.columns].sort((a, b) => Number(b.drifted) - Number(a.drifted))) {
      const score = c.score === null ? "n/a" : formatNumber(c.score);
      const verdict = c.error ? `not compared: ${c.error}` : c.drifted ? "drifted" : "stable";
      const threshold = c.threshold === null ? "" : ` (threshold ${formatNumber(c.threshold)})`;
      out.push(`     ${c.column}: ${c.method} ${score}${threshold} ${verdict}`);
    }
  }
  const failed = result.checks.filter((c) => !c.passed).length;
  const verdict = result.passed ? "passed" : "failed";
  out.push(
    `${result.file}: ${verdict}, ${failed} of ${result.checks.length} checks failed${drift?.drifted ? ", drift detected" : ""} (${result.rows} rows, ${result.columns} columns)`,
  );
  return `${out.join("\n")}\n`;
}

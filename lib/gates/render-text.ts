/** The gate report as terminal text and as the one JSON document `--format json` prints. */
import type { GateReport, GateStatus } from "./types.ts";

const MARK: Record<GateStatus, string> = { passed: "pass", failed: "FAIL", skipped: "skip" };

/** A one-line summary: `2 failed, 3 passed, 1 skipped` (zero counts left out). */
export function summarizeCounts(report: GateReport): string {
  const { failed, passed, skipped } = report.counts;
  const parts = [
    failed ? `${failed} failed` : "",
    passed ? `${passed} passed` : "",
    skipped ? `${skipped} skipped` : "",
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(", ") : "no gates";
}

/** Text: a verdict line, then one line per gate, failures first. */
export function renderText(report: GateReport): string {
  const order: GateStatus[] = ["failed", "skipped", "passed"];
  const lines = [
    `quality gates ${report.passed ? "passed" : "failed"}: ${summarizeCounts(report)}`,
    ...order.flatMap((status) =>
      report.results
        .filter((r) => r.status === status)
        .map((r) => `  ${MARK[r.status]} ${r.id}: ${r.message}`),
    ),
  ];
  return `${lines.join("\n")}\n`;
}

/** JSON: the report itself, one document. */
export function renderJson(report: GateReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

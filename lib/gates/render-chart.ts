/** A Mermaid `xychart-beta` of the candidate's metrics against the baseline's, for the PR comment. */
import type { GateReport } from "./types.ts";

const MAX_BARS = 10;

const inUnitRange = (v: number | undefined): v is number => v !== undefined && v >= 0 && v <= 1;

function label(name: string): string {
  return `"${name.replace(/["\n]/g, "")}"`;
}

const round = (v: number) => Number(v.toFixed(4));

/**
 * The chart, or "" when no metric fits. Only metrics in [0, 1] (rates and scores) are drawn, so that
 * one axis serves all; gated ones first. Mermaid draws a second bar series over the first, so the
 * baseline is a line over the candidate's bars.
 */
export function renderChart(report: GateReport, names: string[]): string {
  const candidate = report.candidate.values;
  const baseline = report.baseline?.values;
  const drawn = names
    .filter((n) => inUnitRange(candidate[n]) && (!baseline || inUnitRange(baseline[n])))
    .slice(0, MAX_BARS);
  if (drawn.length === 0) return "";
  const title = baseline
    ? `Candidate (bars) vs ${report.baseline?.environment} (line)`
    : "Candidate metrics";
  const lines = [
    "```mermaid",
    "xychart-beta",
    `  title "${title}"`,
    `  x-axis [${drawn.map(label).join(", ")}]`,
    '  y-axis "value" 0 --> 1',
    `  bar [${drawn.map((n) => round(candidate[n] as number)).join(", ")}]`,
  ];
  if (baseline) lines.push(`  line [${drawn.map((n) => round(baseline[n] as number)).join(", ")}]`);
  lines.push("```");
  return lines.join("\n");
}

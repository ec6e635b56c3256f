/** The check-run / PR-comment form: failed checks first, drift, per-column statistics, and a Mermaid chart per drifted column. */
import type { DataCheckResult } from "../check-data.ts";
import type { ColumnDrift } from "../drift-run.ts";
import { failedFirst, formatNumber } from "./text.ts";

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text =
    typeof value === "number"
      ? formatNumber(value)
      : typeof value === "string"
        ? value
        : JSON.stringify(value);
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** How the markdown sits in a larger document: its heading level, and what the heading names. */
export interface MarkdownPlacement {
  /** The verdict's heading level (default 3); sub-headings go one deeper. */
  level?: number;
  /** Named in the verdict heading, e.g. the dataset ("`train`: Data checks passed"). */
  label?: string;
  /** Shown after the file name, e.g. the dataset's hash. */
  detail?: string;
}

/** Render the whole result as GitHub-flavoured markdown. */
export function renderMarkdown(result: DataCheckResult, placement: MarkdownPlacement = {}): string {
  const level = placement.level ?? 3;
  const sub = "#".repeat(level + 1);
  const failed = result.checks.filter((c) => !c.passed).length;
  const out: string[] = [];
  const icon = result.passed ? "✅" : "❌";
  const verdict = result.passed
    ? "Data checks passed"
    : `Data checks failed: ${failed} of ${result.checks.length} checks${result.drift?.drifted ? ", drift detected" : ""}`;
  const label = placement.label ? `${placement.label}: ` : "";
  out.push(`${"#".repeat(level)} ${icon} ${label}${verdict}`, "");
  const detail = placement.detail ? ` (${placement.detail})` : "";
  out.push(`\`${result.file}\`${detail}: ${result.rows} rows, ${result.columns} columns`, "");
  // Failures stay in view; passing checks fold away, so a green report is a few lines long.
  const ordered = failedFirst(result.checks);
  const failing = ordered.filter((c) => !c.passed);
  const passing = ordered.filter((c) => c.passed);
  if (failing.length > 0) out.push(...checkTable(failing));
  if (passing.length > 0) {
    out.push(
      ...(failing.length > 0 ? [""] : []),
      `<details><summary>${passing.length} ${passing.length === 1 ? "check" : "checks"} passed</summary>`,
      "",
      ...checkTable(passing),
      "",
      "</details>",
    );
  }
  const drift = result.drift;
  if (drift) {
    const drifted = drift.columns.filter((c) => c.drifted);
    out.push(
      "",
      `${sub} ${drift.drifted ? "❌" : "✅"} Drift: ${drifted.length} of ${drift.columns.length} columns (share ${formatNumber(drift.share)}, dataset threshold ${formatNumber(drift.threshold)})`,
      "",
      "| column | method | score | threshold | drifted |",
      "|---|---|---|---|---|",
    );
    for (const c of [...drift.columns].sort((a, b) => Number(b.drifted) - Number(a.drifted))) {
      const state = c.error ? `not compared: ${c.error}` : c.drifted ? "❌ yes" : "no";
      out.push(
        `| \`${c.column}\` | ${c.method} | ${cell(c.score)} | ${cell(c.threshold)} | ${cell(state)} |`,
      );
    }
    for (const c of drifted) out.push("", ...chart(c, sub));
  }
  if (result.stats) {
    out.push(
      "",
      `${sub} Column statistics`,
      "",
      "| column | type | nulls | min | max | mean | distinct |",
      "|---|---|---|---|---|---|---|",
    );
    for (const s of result.stats) {
      out.push(
        `| \`${s.column}\` | ${s.type} | ${s.nulls} (${formatNumber(s.null_share * 100)}%) | ${cell(s.min)} | ${cell(s.max)} | ${cell(s.mean)} | ${cell(s.distinct)} |`,
      );
    }
  }
  return `${out.join("\n")}\n`;
}

function checkTable(checks: DataCheckResult["checks"]): string[] {
  const out = ["| | check | observed | expected | rows | message |", "|---|---|---|---|---|---|"];
  for (const c of checks) {
    const rows = c.rows.join(", ") + (c.rows.length === 20 ? ", …" : "");
    out.push(
      `| ${c.passed ? "✅" : "❌"} | \`${c.id}\` | ${cell(c.observed)} | ${cell(c.expected)} | ${rows} | ${cell(c.message)} |`,
    );
  }
  return out;
}

function chart(c: ColumnDrift, sub: string): string[] {
  const h = c.histogram;
  if (!h || h.bins.length === 0) return [];
  const top = Math.max(...h.reference, ...h.current, 0.01);
  return [
    `${sub} Distribution of \`${c.column}\`: current (bars) vs reference (line)`,
    "",
    "```mermaid",
    "xychart-beta",
    `  title "${c.column.replace(/"/g, "'")}"`,
    `  x-axis [${h.bins.map((b) => JSON.stringify(b.replace(/"/g, "'"))).join(", ")}]`,
    `  y-axis "share of rows" 0 --> ${formatNumber(Math.ceil(top * 100) / 100)}`,
    `  bar [${h.current.join(", ")}]`,
    `  line [${h.reference.join(", ")}]`,
    "```",
  ];
}

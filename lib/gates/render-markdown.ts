/** The gate report as markdown: the section of the sticky PR comment and the mlops/gates check summary. */
import { formatBound, formatDelta, formatNumber } from "./format.ts";
import { renderChart } from "./render-chart.ts";
import { summarizeCounts } from "./render-text.ts";
import type { FairnessSummary, GateReport, GateResult } from "./types.ts";

const MAX_GROUP_ROWS = 50;

/** Escape what would break a table cell. */
function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function verdict(results: GateResult[]): string {
  if (results.length === 0) return "";
  if (results.some((r) => r.status === "failed")) return "❌ fail";
  if (results.every((r) => r.status === "skipped")) return "⏭️ skipped";
  return "✅ pass";
}

function gateText(result: GateResult, environment: string): string {
  if (result.kind !== "regression") return formatBound(result.expected);
  if (result.status === "skipped") return `vs ${environment}: skipped`;
  return `${formatBound(result.expected)} (vs ${environment})`;
}

/** Metrics in the order the table lists them: the candidate file's, then gated ones it lacks. */
function metricNames(report: GateReport, scalar: GateResult[]): string[] {
  const names = Object.keys(report.candidate.values);
  for (const r of scalar) if (!names.includes(r.metric)) names.push(r.metric);
  return names;
}

function metricsTable(report: GateReport, scalar: GateResult[], names: string[]): string[] {
  const base = report.baseline;
  const environment = base?.environment ?? report.against ?? "baseline";
  const header = base
    ? [
        `| metric | candidate | ${cell(environment)} | delta | gate | verdict |`,
        "| --- | ---: | ---: | ---: | --- | --- |",
      ]
    : ["| metric | candidate | gate | verdict |", "| --- | ---: | --- | --- |"];
  const rows = names.map((name) => {
    const gated = scalar.filter((r) => r.metric === name);
    const observed = report.candidate.values[name];
    const candidate = observed === undefined ? "missing" : formatNumber(observed);
    const gate = gated.map((r) => gateText(r, environment)).join("; ");
    if (!base) return `| ${cell(name)} | ${candidate} | ${cell(gate)} | ${verdict(gated)} |`;
    const before = base.values[name];
    const delta = observed !== undefined && before !== undefined ? observed - before : undefined;
    return `| ${cell(name)} | ${candidate} | ${formatNumber(before)} | ${formatDelta(delta)} | ${cell(gate)} | ${verdict(gated)} |`;
  });
  return [...header, ...rows];
}

function fairnessSection(results: GateResult[], summary: FairnessSummary | undefined): string[] {
  if (results.length === 0) return [];
  const about = summary
    ? ` (${cell(summary.sensitive.join(", "))}; positive = ${cell(summary.positive)})`
    : "";
  const lines = [
    `#### Fairness${about}`,
    "",
    "| metric | value | gate | verdict |",
    "| --- | ---: | --- | --- |",
    ...results.map(
      (r) =>
        `| ${cell(r.metric)} | ${formatNumber(r.observed)} | ${cell(formatBound(r.expected))} | ${verdict([r])} |`,
    ),
  ];
  if (summary && summary.groups.length > 0) {
    // Check run summaries stop at 65,535 characters: many combined groups are cut, and said so.
    const shown = summary.groups.slice(0, MAX_GROUP_ROWS);
    const hidden = summary.groups.length - shown.length;
    lines.push(
      "",
      `<details><summary>Rates by group (${summary.groups.length} groups)</summary>`,
      "",
      "| group | rows | selection rate | true positive rate | false positive rate |",
      "| --- | ---: | ---: | ---: | ---: |",
      ...shown.map(
        (g) =>
          `| ${cell(g.key)} | ${g.count} | ${formatNumber(g.selectionRate)} | ${formatNumber(g.truePositiveRate)} | ${formatNumber(g.falsePositiveRate)} |`,
      ),
      ...(hidden > 0 ? ["", `… and ${hidden} more groups (see \`--format json\`).`] : []),
      "",
      "</details>",
    );
  }
  return lines;
}

function messages(title: string, results: GateResult[]): string[] {
  if (results.length === 0) return [];
  return [`**${title}**`, "", ...results.map((r) => `- \`${r.id}\`: ${r.message}`), ""];
}

/** Markdown: verdict heading, metrics table (candidate, baseline, delta, gate, verdict), failures, fairness, chart. */
export function renderMarkdown(report: GateReport): string {
  const scalar = report.results.filter((r) => r.kind !== "fairness");
  const fairness = report.results.filter((r) => r.kind === "fairness");
  const names = metricNames(report, scalar);
  const gatedFirst = [
    ...names.filter((n) => scalar.some((r) => r.metric === n)),
    ...names.filter((n) => !scalar.some((r) => r.metric === n)),
  ];
  const chart = renderChart(report, gatedFirst);
  const sections = [
    `### ${report.passed ? "✅ Quality gates passed" : "❌ Quality gates failed"}: ${summarizeCounts(report)}`,
    "",
    ...metricsTable(report, scalar, names),
    "",
    ...messages(
      "Failed",
      report.results.filter((r) => r.status === "failed"),
    ),
    ...messages(
      "Skipped",
      report.results.filter((r) => r.status === "skipped"),
    ),
    ...fairnessSection(fairness, report.fairness),
  ];
  if (fairness.length > 0) sections.push("");
  if (chart) sections.push(chart, "");
  return `${sections
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trimEnd()}\n`;
}

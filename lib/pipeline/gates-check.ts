/** The completed `mlops/gates` check run and the report's gates section, from a finished run. */

import type { CheckConclusion, CheckRunOutput } from "../forge.ts";
import { parseCsv } from "../gates/csv.ts";
import { evaluateGates } from "../gates/evaluate.ts";
import { parseMetrics } from "../gates/metrics.ts";
import { renderMarkdown } from "../gates/render-markdown.ts";
import { summarizeCounts } from "../gates/render-text.ts";
import type { CsvTable, GateReport, Gates } from "../gates/types.ts";
import type { RunStatus } from "../runners/types.ts";
import type { Baseline } from "./baseline.ts";
import { fitText, MAX_CHECK_TEXT } from "./names.ts";

/** What the gates stage posts. */
export interface GatesCheckPlan {
  passed: boolean;
  conclusion: CheckConclusion;
  output: CheckRunOutput;
  section: string;
  report?: GateReport;
}

type Completed = Extract<RunStatus, { state: "completed" }>;

function failed(title: string, lines: string[], runUrl?: string): GatesCheckPlan {
  const link = runUrl ? `\n\n[Training run](${runUrl})` : "";
  const summary = fitText(`${lines.map((l) => `- ${l}`).join("\n")}${link}`, MAX_CHECK_TEXT);
  return {
    passed: false,
    conclusion: "failure",
    output: { title, summary },
    section: `### ❌ ${title}\n\n${summary}`,
  };
}

/** Evaluate the gates on a completed run's outputs against the baseline; every problem is a failure that says why. */
export function planGatesCheck(params: {
  gates: Gates | undefined;
  status: Completed;
  baseline: Baseline | undefined;
}): GatesCheckPlan {
  const { status } = params;
  const gates = params.gates ?? {};
  if (status.conclusion !== "success") {
    return failed(
      `Training run ${status.conclusion}`,
      [status.message ?? `the training run ended ${status.conclusion}`],
      status.url,
    );
  }
  const outputs = status.outputs;
  if (!outputs.metrics) {
    return failed(
      "Training produced no metrics",
      outputs.problems.length ? outputs.problems : ["no metrics file"],
      status.url,
    );
  }
  const metrics = parseMetrics({ source: outputs.metrics.file, text: outputs.metrics.text });
  if (!metrics.ok) return failed("Training metrics are unreadable", metrics.errors, status.url);
  let predictions: CsvTable | undefined;
  const problems = [...outputs.problems];
  if (outputs.predictions) {
    const parsed = parseCsv({ source: outputs.predictions.file, text: outputs.predictions.text });
    if (parsed.ok) predictions = parsed.value;
    else problems.push(...parsed.errors);
  }
  const baseline = params.baseline?.ok ? params.baseline.metrics : undefined;
  const report = evaluateGates({ gates, metrics: metrics.value, baseline, predictions });
  const notes: string[] = [];
  // Nothing serving yet: regression is skipped. A broken environments repo fails closed.
  const broken = Boolean(
    gates.regression && params.baseline?.ok === false && params.baseline.broken,
  );
  if (gates.regression && params.baseline && !params.baseline.ok) {
    notes.push(
      broken
        ? `❌ Regression gates cannot run: ${params.baseline.reason}. Fix the environments repository, then re-run this check.`
        : `Regression gates skipped: ${params.baseline.reason}.`,
    );
  }
  for (const p of problems) notes.push(`⚠️ ${p}`);
  const markdown = renderMarkdown(report);
  const extra = notes.length ? `\n${notes.join("\n\n")}\n` : "";
  const link = status.url ? `\n[Training run](${status.url})\n` : "";
  const body = `${markdown}${extra}${link}`;
  const passed = report.passed && !broken;
  const title = broken
    ? "Quality gates failed: the production baseline cannot be read"
    : `${report.passed ? "Quality gates passed" : "Quality gates failed"}: ${summarizeCounts(report)}`;
  return {
    passed,
    conclusion: passed ? "success" : "failure",
    output: { title, summary: fitText(body, MAX_CHECK_TEXT) },
    section: fitText(body, 30_000),
    report,
  };
}

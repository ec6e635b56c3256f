/** The quality-gate evaluator: thresholds, regression against what serves, fairness. Pure: data in, report out. */
import { computeFairness } from "./fairness.ts";
import { evaluateFairness } from "./fairness-gates.ts";
import { boundMessage, checkBound } from "./format.ts";
import { evaluateRegression, missingMessage } from "./regression.ts";
import {
  type CsvTable,
  definedEntries,
  type GateReport,
  type GateResult,
  type Gates,
  type MetricSet,
} from "./types.ts";

function thresholds(gates: Gates, candidate: MetricSet): GateResult[] {
  return definedEntries(gates.metrics).map(([metric, bound]) => {
    const head = { id: `metrics.${metric}`, kind: "threshold" as const, metric, expected: bound };
    const observed = candidate.values[metric];
    if (observed === undefined) {
      return {
        ...head,
        status: "failed",
        passed: false,
        observed: null,
        message: missingMessage(metric, candidate),
      };
    }
    const passed = checkBound(observed, bound) === "within";
    return {
      ...head,
      status: passed ? "passed" : "failed",
      passed,
      observed,
      message: boundMessage(metric, observed, bound),
    };
  });
}

/**
 * Evaluate every gate on a candidate's metrics. `baseline` is the metrics of the stable version in
 * `gates.regression.against` (absent: regression gates are skipped, with the reason); `predictions`
 * feeds the fairness gates. The report passes when no gate failed; skipped gates never fail it.
 */
export function evaluateGates(params: {
  gates: Gates;
  metrics: MetricSet;
  baseline?: MetricSet;
  predictions?: CsvTable;
}): GateReport {
  const { gates, metrics: candidate, baseline, predictions } = params;
  const fairness =
    gates.fairness && predictions
      ? computeFairness({ table: predictions, config: gates.fairness })
      : undefined;
  const results = [
    ...thresholds(gates, candidate),
    ...(gates.regression
      ? evaluateRegression({ regression: gates.regression, candidate, baseline })
      : []),
    ...(gates.fairness ? evaluateFairness({ config: gates.fairness, fairness, candidate }) : []),
  ];
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const r of results) counts[r.status]++;
  const report: GateReport = { passed: counts.failed === 0, counts, results, candidate };
  if (gates.regression) report.against = gates.regression.against;
  if (baseline) {
    report.baseline = { ...baseline, environment: gates.regression?.against ?? "baseline" };
  }
  if (fairness?.ok) report.fairness = fairness.value;
  return report;
}

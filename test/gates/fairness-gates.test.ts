import { describe, expect, test } from "bun:test";
import { parseCsv } from "../../lib/gates/csv.ts";
import { evaluateGates } from "../../lib/gates/evaluate.ts";
import type { Bound, CsvTable, GateResult } from "../../lib/gates/types.ts";

function table(text: string): CsvTable {
  const parsed = parseCsv({ source: "p.csv", text });
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  return parsed.value;
}

// Group a: selection 0.75, TPR 1, FPR 0.5. Group b: selection 0.25, TPR 0.5, FPR 0.
const skewed = table(
  "label,prediction,g\n1,1,a\n1,1,a\n0,1,a\n0,0,a\n1,1,b\n1,0,b\n0,0,b\n0,0,b\n",
);
const nobody = table("label,prediction,g\n1,0,a\n0,0,b\n");

function gate(params: {
  metric: string;
  bound: Bound;
  predictions?: CsvTable;
  values?: Record<string, number>;
}): GateResult {
  const report = evaluateGates({
    gates: { fairness: { sensitive: ["g"], metrics: { [params.metric]: params.bound } } },
    metrics: { source: "m.json", values: params.values ?? { accuracy: 0.9 } },
    predictions: params.predictions,
  });
  return report.results[0] as GateResult;
}

describe("fairness gates", () => {
  test.each([
    [
      "demographic_parity_difference",
      { max: 0.6 },
      "passed",
      0.5,
      "demographic_parity_difference 0.5000 ≤ 0.6000",
    ],
    [
      "demographic_parity_difference",
      { max: 0.1 },
      "failed",
      0.5,
      "demographic_parity_difference 0.5000 above threshold 0.1000 (selection rate 0.7500 for g=a vs 0.2500 for g=b)",
    ],
    [
      "disparate_impact_ratio",
      { min: 0.8 },
      "failed",
      1 / 3,
      "disparate_impact_ratio 0.3333 below threshold 0.8000 (selection rate 0.7500 for g=a vs 0.2500 for g=b)",
    ],
    [
      "demographic_parity_ratio",
      { min: 0.3 },
      "passed",
      1 / 3,
      "demographic_parity_ratio 0.3333 ≥ 0.3000",
    ],
    // TPR differs by 0.5, FPR by 0.5: the TPR spread is named first on a tie.
    [
      "equalized_odds_difference",
      { max: 0.1 },
      "failed",
      0.5,
      "equalized_odds_difference 0.5000 above threshold 0.1000 (true positive rate 1 for g=a vs 0.5000 for g=b)",
    ],
    [
      "equalized_odds_ratio",
      { min: 0.8 },
      "failed",
      0,
      "equalized_odds_ratio 0 below threshold 0.8000 (true positive rate 1 for g=a vs 0.5000 for g=b)",
    ],
    [
      "equal_opportunity_difference",
      { max: 0.5 },
      "passed",
      0.5,
      "equal_opportunity_difference 0.5000 ≤ 0.5000",
    ],
    [
      "equal_opportunity_ratio",
      { min: 0.6 },
      "failed",
      0.5,
      "equal_opportunity_ratio 0.5000 below threshold 0.6000 (true positive rate 1 for g=a vs 0.5000 for g=b)",
    ],
  ])("%s %j → %s", (metric, bound, status, observed, message) => {
    expect(gate({ metric, bound, predictions: skewed })).toEqual({
      id: `fairness.metrics.${metric}`,
      kind: "fairness",
      metric,
      status: status as GateResult["status"],
      passed: status === "passed",
      observed,
      expected: bound,
      message,
    });
  });

  test.each([
    [
      "a ratio with nobody selected is undefined, and fails",
      { metric: "disparate_impact_ratio", bound: { min: 0.8 }, predictions: nobody },
      null,
      "disparate_impact_ratio is undefined: no group has a positive prediction (0/0); check the predictions and fairness.positive",
    ],
    [
      "without predictions a value from the metrics file is used",
      {
        metric: "demographic_parity_difference",
        bound: { max: 0.1 },
        values: { demographic_parity_difference: 0.04 },
      },
      0.04,
      "demographic_parity_difference 0.0400 ≤ 0.1000",
    ],
    [
      "without predictions or a stored value it fails, naming what to pass",
      { metric: "demographic_parity_difference", bound: { max: 0.1 } },
      null,
      "demographic_parity_difference needs predictions (columns label, prediction, g); pass the predictions CSV the training wrote, or write demographic_parity_difference into m.json",
    ],
    [
      "an unknown metric lists the known ones",
      { metric: "parity", bound: { max: 0.1 }, predictions: skewed },
      null,
      'unknown fairness metric "parity"; use one of demographic_parity_difference, demographic_parity_ratio, disparate_impact_ratio, equalized_odds_difference, equalized_odds_ratio, equal_opportunity_difference, equal_opportunity_ratio',
    ],
    [
      "a predictions problem fails the gate with its reason",
      {
        metric: "demographic_parity_difference",
        bound: { max: 0.1 },
        predictions: table("label,prediction\n1,1\n"),
      },
      null,
      'p.csv: has no sensitive attribute column "g" (columns: label, prediction); add it or fix the fairness config',
    ],
  ])("%s", (_name, params, observed, message) => {
    const result = gate(params);
    expect([result.observed, result.message]).toEqual([observed, message]);
    expect(result.status).toBe(message.includes("≤") ? "passed" : "failed");
  });

  test("the report carries the group rates when predictions were read", () => {
    const report = evaluateGates({
      gates: {
        fairness: { sensitive: ["g"], metrics: { demographic_parity_difference: { max: 1 } } },
      },
      metrics: { source: "m.json", values: { a: 1 } },
      predictions: skewed,
    });
    expect(report.fairness?.groups.map((g) => [g.key, g.selectionRate])).toEqual([
      ["g=a", 0.75],
      ["g=b", 0.25],
    ]);
  });
});

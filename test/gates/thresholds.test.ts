import { describe, expect, test } from "bun:test";
import { evaluateGates } from "../../lib/gates/evaluate.ts";
import type { Bound, GateResult } from "../../lib/gates/types.ts";

const candidate = (values: Record<string, number>) => ({ source: "out/metrics.json", values });

function threshold(metric: string, bound: Bound, values: Record<string, number>): GateResult {
  const report = evaluateGates({
    gates: { metrics: { [metric]: bound } },
    metrics: candidate(values),
  });
  expect(report.results).toHaveLength(1);
  return report.results[0] as GateResult;
}

describe("threshold gates", () => {
  test.each([
    ["min, above", "accuracy", { min: 0.85 }, 0.91, "passed", "accuracy 0.9100 ≥ 0.8500"],
    [
      "min, at the edge passes",
      "accuracy",
      { min: 0.85 },
      0.85,
      "passed",
      "accuracy 0.8500 ≥ 0.8500",
    ],
    [
      "min, below",
      "accuracy",
      { min: 0.85 },
      0.8412,
      "failed",
      "accuracy 0.8412 below threshold 0.8500",
    ],
    ["max, below", "latency_p95_ms", { max: 120 }, 95, "passed", "latency_p95_ms 95 ≤ 120"],
    [
      "max, at the edge passes",
      "latency_p95_ms",
      { max: 120 },
      120,
      "passed",
      "latency_p95_ms 120 ≤ 120",
    ],
    [
      "max, above",
      "latency_p95_ms",
      { max: 120 },
      130.5,
      "failed",
      "latency_p95_ms 130.5000 above threshold 120",
    ],
    [
      "range, inside",
      "score",
      { min: 0.2, max: 0.8 },
      0.5,
      "passed",
      "score 0.5000 within [0.2000, 0.8000]",
    ],
    [
      "range, under",
      "score",
      { min: 0.2, max: 0.8 },
      0.1,
      "failed",
      "score 0.1000 below threshold 0.2000",
    ],
    [
      "range, over",
      "score",
      { min: 0.2, max: 0.8 },
      0.9,
      "failed",
      "score 0.9000 above threshold 0.8000",
    ],
    [
      "tiny values keep significant digits",
      "err",
      { max: 0.0001 },
      0.00025,
      "failed",
      "err 0.000250 above threshold 0.000100",
    ],
  ])("%s", (_name, metric, bound, value, status, message) => {
    expect(threshold(metric, bound, { [metric]: value })).toEqual({
      id: `metrics.${metric}`,
      kind: "threshold",
      metric,
      status: status as GateResult["status"],
      passed: status === "passed",
      observed: value,
      expected: bound,
      message,
    });
  });

  test("a metric missing from the file fails, naming the file and what it has", () => {
    expect(threshold("roc_auc", { min: 0.88 }, { accuracy: 0.9, f1: 0.8 })).toEqual({
      id: "metrics.roc_auc",
      kind: "threshold",
      metric: "roc_auc",
      status: "failed",
      passed: false,
      observed: null,
      expected: { min: 0.88 },
      message:
        "roc_auc missing from out/metrics.json (it has: accuracy, f1); have the training script write it, or remove the gate",
    });
  });
});

// ci/check_quality_gates.py from the seed: accuracy >= 0.85 and roc_auc >= 0.88, `x < min` fails,
// a missing metric counts as 0 there (so it fails) and is an explicit failure here.
describe("the seed's check_quality_gates.py verdicts", () => {
  const seed = { metrics: { accuracy: { min: 0.85 }, roc_auc: { min: 0.88 } } };
  test.each([
    ["both above", { accuracy: 0.91, roc_auc: 0.93 }, true, []],
    ["both exactly at the thresholds", { accuracy: 0.85, roc_auc: 0.88 }, true, []],
    [
      "accuracy below",
      { accuracy: 0.8412, roc_auc: 0.93 },
      false,
      ["accuracy 0.8412 below threshold 0.8500"],
    ],
    [
      "both below",
      { accuracy: 0.5, roc_auc: 0.87999 },
      false,
      ["accuracy 0.5000 below threshold 0.8500", "roc_auc 0.8800 below threshold 0.8800"],
    ],
    [
      "roc_auc missing (0 in the seed)",
      { accuracy: 0.9 },
      false,
      [
        "roc_auc missing from out/metrics.json (it has: accuracy); have the training script write it, or remove the gate",
      ],
    ],
  ])("%s", (_name, values, passed, failures) => {
    const report = evaluateGates({ gates: seed, metrics: candidate(values) });
    expect(report.passed).toBe(passed);
    expect(report.results.filter((r) => !r.passed).map((r) => r.message)).toEqual(failures);
    expect(report.counts).toEqual({
      passed: 2 - failures.length,
      failed: failures.length,
      skipped: 0,
    });
  });
});

describe("the report", () => {
  test("no gates: passes with no results", () => {
    expect(evaluateGates({ gates: {}, metrics: candidate({ a: 1 }) })).toEqual({
      passed: true,
      counts: { passed: 0, failed: 0, skipped: 0 },
      results: [],
      candidate: candidate({ a: 1 }),
    });
  });
});

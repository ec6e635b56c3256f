import { describe, expect, test } from "bun:test";
import { evaluateGates } from "../../lib/gates/evaluate.ts";
import type { GateResult, RegressionGates } from "../../lib/gates/types.ts";

const metrics = (values: Record<string, number>) => ({ source: "m.json", values });
const baseline = (values: Record<string, number>) => ({ source: "b.json", values });

function regression(gates: Omit<RegressionGates, "against">, cand: number, base: number) {
  const report = evaluateGates({
    gates: { regression: { against: "production", ...gates } },
    metrics: metrics({ x: cand }),
    baseline: baseline({ x: base }),
  });
  return report.results[0] as GateResult;
}

describe("regression gates", () => {
  test.each([
    // [name, gates, candidate, baseline, status, expected bound, message]
    [
      "drop within",
      { max_drop: { x: 0.01 } },
      0.905,
      0.91,
      "passed",
      { min: 0.9 },
      "x 0.9050 dropped 0.0050 from production's 0.9100; allowed drop is 0.0100",
    ],
    // 0.91 − 0.90 is 0.010000000000000009 in floating point: exactly the allowance, so it passes.
    [
      "drop exactly the allowance",
      { max_drop: { x: 0.01 } },
      0.9,
      0.91,
      "passed",
      { min: 0.9 },
      "x 0.9000 dropped 0.0100 from production's 0.9100; allowed drop is 0.0100",
    ],
    [
      "drop beyond",
      { max_drop: { x: 0.01 } },
      0.89,
      0.91,
      "failed",
      { min: 0.9 },
      "x 0.8900 dropped 0.0200 from production's 0.9100; allowed drop is 0.0100",
    ],
    [
      "an improvement",
      { max_drop: { x: 0.01 } },
      0.95,
      0.91,
      "passed",
      { min: 0.9 },
      "x 0.9500 vs production's 0.9100 (+0.0400); allowed drop is 0.0100",
    ],
    [
      "relative drop within",
      { max_drop_relative: { x: 0.02 } },
      0.79,
      0.8,
      "passed",
      { min: 0.784 },
      "x 0.7900 dropped 1.25% from production's 0.8000; allowed drop is 2.00%",
    ],
    [
      "relative drop beyond",
      { max_drop_relative: { x: 0.02 } },
      0.78,
      0.8,
      "failed",
      { min: 0.784 },
      "x 0.7800 dropped 2.50% from production's 0.8000; allowed drop is 2.00%",
    ],
    [
      "rise within (lower is better)",
      { max_increase: { x: 0.05 } },
      0.42,
      0.4,
      "passed",
      { max: 0.45 },
      "x 0.4200 rose 0.0200 from production's 0.4000; allowed increase is 0.0500",
    ],
    [
      "rise beyond",
      { max_increase: { x: 0.05 } },
      0.5,
      0.4,
      "failed",
      { max: 0.45 },
      "x 0.5000 rose 0.1000 from production's 0.4000; allowed increase is 0.0500",
    ],
    [
      "a fall is an improvement",
      { max_increase: { x: 0.05 } },
      0.3,
      0.4,
      "passed",
      { max: 0.45 },
      "x 0.3000 vs production's 0.4000 (-0.1000); allowed increase is 0.0500",
    ],
    [
      "relative rise within",
      { max_increase_relative: { x: 0.1 } },
      105,
      100,
      "passed",
      { max: 110 },
      "x 105 rose 5.00% from production's 100; allowed increase is 10.00%",
    ],
    [
      "relative rise beyond",
      { max_increase_relative: { x: 0.1 } },
      120,
      100,
      "failed",
      { max: 110 },
      "x 120 rose 20.00% from production's 100; allowed increase is 10.00%",
    ],
  ])("%s", (_name, gates, cand, base, status, bound, message) => {
    const result = regression(gates, cand, base);
    const kind = Object.keys(gates)[0];
    expect({ ...result, expected: {} }).toEqual({
      id: `regression.${kind}.x`,
      kind: "regression",
      metric: "x",
      status: status as GateResult["status"],
      passed: status === "passed",
      observed: cand,
      expected: {},
      baseline: base,
      delta: cand - base,
      message,
    });
    const [side, value] = Object.entries(bound)[0] as [string, number];
    expect(result.expected[side as "min" | "max"]).toBeCloseTo(value, 12);
  });
});

describe("regression without a baseline", () => {
  const gates = { regression: { against: "production", max_drop: { accuracy: 0.01 } } };
  test.each([
    [
      "nothing serves yet: skipped, not passed",
      undefined,
      { accuracy: 0.9 },
      {
        status: "skipped",
        observed: 0.9,
        message:
          "accuracy regression not checked: no baseline metrics from production (nothing serves there yet); it is checked once production reports it",
      },
    ],
    [
      "the baseline lacks the metric: skipped",
      { f1: 0.7 },
      { accuracy: 0.9 },
      {
        status: "skipped",
        observed: 0.9,
        message:
          "accuracy regression not checked: production's metrics (b.json) have no accuracy; it is checked once production reports it",
      },
    ],
    [
      "the candidate lacks it: failed",
      { accuracy: 0.9 },
      { f1: 0.7 },
      {
        status: "failed",
        observed: null,
        baseline: 0.9,
        message:
          "accuracy missing from m.json (it has: f1); have the training script write it, or remove the gate",
      },
    ],
  ])("%s", (_name, base, cand, expected) => {
    const report = evaluateGates({
      gates,
      metrics: metrics(cand),
      baseline: base ? baseline(base) : undefined,
    });
    const result = report.results[0] as GateResult;
    expect({
      status: result.status as string,
      observed: result.observed,
      ...(result.baseline !== undefined ? { baseline: result.baseline } : {}),
      message: result.message,
    }).toEqual(expected);
    expect(result.passed).toBe(false);
    // Skipped never fails the report; a failure does.
    expect(report.passed).toBe(expected.status === "skipped");
  });

  test("the report carries the baseline with its environment", () => {
    const report = evaluateGates({
      gates,
      metrics: metrics({ accuracy: 0.9 }),
      baseline: baseline({ accuracy: 0.9 }),
    });
    expect(report.baseline).toEqual({
      source: "b.json",
      values: { accuracy: 0.9 },
      environment: "production",
    });
    expect(report.counts).toEqual({ passed: 1, failed: 0, skipped: 0 });
  });
});

/** Regression gates: the candidate against the baseline serving in an environment. */
import { formatDelta, formatNumber, formatPercent } from "./format.ts";
import {
  type Bound,
  definedEntries,
  type GateResult,
  type MetricSet,
  type RegressionGates,
} from "./types.ts";

/** The four allowance kinds, in the order results are listed. */
export const ALLOWANCES = [
  "max_drop",
  "max_drop_relative",
  "max_increase",
  "max_increase_relative",
] as const;

type Allowance = (typeof ALLOWANCES)[number];

// Metrics written with two or four decimals make 0.91 − 0.90 = 0.010000000000000009: a drop of
// exactly the allowance must pass, so differences are compared with this tolerance.
const TOLERANCE = 1e-9;

/** The message for a metric the candidate lacks: names the file and what it has. */
export function missingMessage(metric: string, candidate: MetricSet): string {
  const has = Object.keys(candidate.values);
  return `${metric} missing from ${candidate.source} (it has: ${has.join(", ")}); have the training script write it, or remove the gate`;
}

function allowed(kind: Allowance, allowance: number, base: number): number {
  return kind.endsWith("_relative") ? allowance * Math.abs(base) : allowance;
}

function allowanceText(kind: Allowance, allowance: number): string {
  return kind.endsWith("_relative") ? formatPercent(allowance) : formatNumber(allowance);
}

function one(params: {
  kind: Allowance;
  metric: string;
  allowance: number;
  candidate: MetricSet;
  baseline?: MetricSet;
  environment: string;
}): GateResult {
  const { kind, metric, allowance, candidate, baseline, environment } = params;
  const lowerIsBetter = kind.startsWith("max_increase");
  const base = baseline?.values[metric];
  const observed = candidate.values[metric];
  const head = {
    id: `regression.${kind}.${metric}`,
    kind: "regression" as const,
    metric,
  };
  if (base === undefined) {
    const reason = baseline
      ? `${environment}'s metrics (${baseline.source}) have no ${metric}`
      : `no baseline metrics from ${environment} (nothing serves there yet)`;
    return {
      ...head,
      status: "skipped",
      passed: false,
      observed: observed ?? null,
      expected: {},
      message: `${metric} regression not checked: ${reason}; it is checked once ${environment} reports it`,
    };
  }
  const room = allowed(kind, allowance, base);
  const expected: Bound = lowerIsBetter ? { max: base + room } : { min: base - room };
  if (observed === undefined) {
    return {
      ...head,
      status: "failed",
      passed: false,
      observed: null,
      expected,
      baseline: base,
      message: missingMessage(metric, candidate),
    };
  }
  const delta = observed - base;
  const worsening = lowerIsBetter ? delta : -delta;
  const passed = worsening <= room + TOLERANCE * Math.max(1, Math.abs(base));
  const change = kind.endsWith("_relative")
    ? formatPercent(base === 0 ? 0 : worsening / Math.abs(base))
    : formatNumber(worsening);
  const verb = lowerIsBetter ? "rose" : "dropped";
  const limit = `allowed ${lowerIsBetter ? "increase" : "drop"} is ${allowanceText(kind, allowance)}`;
  const message =
    worsening > 0
      ? `${metric} ${formatNumber(observed)} ${verb} ${change} from ${environment}'s ${formatNumber(base)}; ${limit}`
      : `${metric} ${formatNumber(observed)} vs ${environment}'s ${formatNumber(base)} (${formatDelta(delta)}); ${limit}`;
  return {
    ...head,
    status: passed ? "passed" : "failed",
    passed,
    observed,
    expected,
    baseline: base,
    delta,
    message,
  };
}

/** Evaluate every allowance of a regression block; without a baseline each is skipped with its reason. */
export function evaluateRegression(params: {
  regression: RegressionGates;
  candidate: MetricSet;
  baseline?: MetricSet;
}): GateResult[] {
  const { regression, candidate, baseline } = params;
  const results: GateResult[] = [];
  for (const kind of ALLOWANCES) {
    for (const [metric, allowance] of definedEntries(regression[kind])) {
      results.push(
        one({ kind, metric, allowance, candidate, baseline, environment: regression.against }),
      );
    }
  }
  return results;
}

/** Fairness gates: bounds on the fairness metrics of the candidate's predictions. */
import { FAIRNESS_METRICS } from "./fairness.ts";
import { boundMessage, checkBound, formatNumber } from "./format.ts";
import {
  type Bound,
  definedEntries,
  type FairnessGates,
  type FairnessSummary,
  type GateResult,
  type GroupRates,
  type MetricSet,
  type Parsed,
} from "./types.ts";

type Rate = "selectionRate" | "truePositiveRate" | "falsePositiveRate";

const RATE_NAMES: Record<Rate, string> = {
  selectionRate: "selection rate",
  truePositiveRate: "true positive rate",
  falsePositiveRate: "false positive rate",
};

function spread(groups: GroupRates[], rate: Rate): { text: string; width: number } {
  let high = groups[0] as GroupRates;
  let low = high;
  for (const g of groups) {
    if (g[rate] > high[rate]) high = g;
    if (g[rate] < low[rate]) low = g;
  }
  return {
    text: `${RATE_NAMES[rate]} ${formatNumber(high[rate])} for ${high.key} vs ${formatNumber(low[rate])} for ${low.key}`,
    width: high[rate] - low[rate],
  };
}

// Which groups drive a metric: the detail that tells a reader where to look.
function driver(metric: string, groups: GroupRates[]): string {
  if (groups.length === 0) return "";
  if (metric.startsWith("demographic_parity") || metric === "disparate_impact_ratio") {
    return spread(groups, "selectionRate").text;
  }
  if (metric.startsWith("equal_opportunity")) return spread(groups, "truePositiveRate").text;
  const tpr = spread(groups, "truePositiveRate");
  const fpr = spread(groups, "falsePositiveRate");
  return (tpr.width >= fpr.width ? tpr : fpr).text;
}

function fairnessValue(params: {
  metric: string;
  fairness: Parsed<FairnessSummary> | undefined;
  candidate: MetricSet;
  config: FairnessGates;
}): { value: number } | { problem: string } {
  const { metric, fairness, candidate, config } = params;
  if (!(metric in FAIRNESS_METRICS)) {
    return {
      problem: `unknown fairness metric "${metric}"; use one of ${Object.keys(FAIRNESS_METRICS).join(", ")}`,
    };
  }
  if (fairness && !fairness.ok) return { problem: fairness.errors.join("; ") };
  if (fairness?.ok) {
    const value = fairness.value.metrics[metric];
    if (value === null || value === undefined) {
      const none = metric.startsWith("equal_opportunity") ? "true positive" : "positive prediction";
      return {
        problem: `${metric} is undefined: no group has a ${none} (0/0); check the predictions and fairness.positive`,
      };
    }
    return { value };
  }
  // No predictions file: a value computed earlier (e.g. stored with a registry version) will do.
  const stored = candidate.values[metric];
  if (stored !== undefined) return { value: stored };
  return {
    problem: `${metric} needs predictions (columns label, prediction, ${config.sensitive.join(", ")}); pass the predictions CSV the training wrote, or write ${metric} into ${candidate.source}`,
  };
}

/** Evaluate the fairness block; `fairness` is the computed summary (or why it could not be), absent without predictions. */
export function evaluateFairness(params: {
  config: FairnessGates;
  fairness?: Parsed<FairnessSummary>;
  candidate: MetricSet;
}): GateResult[] {
  const { config, fairness, candidate } = params;
  const groups = fairness?.ok ? fairness.value.groups : [];
  return definedEntries(config.metrics).map(([metric, bound]: [string, Bound]) => {
    const head = { id: `fairness.metrics.${metric}`, kind: "fairness" as const, metric };
    const found = fairnessValue({ metric, fairness, candidate, config });
    if ("problem" in found) {
      return {
        ...head,
        status: "failed",
        passed: false,
        observed: null,
        expected: bound,
        message: found.problem,
      };
    }
    const passed = checkBound(found.value, bound) === "within";
    const detail = !passed && groups.length > 0 ? ` (${driver(metric, groups)})` : "";
    return {
      ...head,
      status: passed ? "passed" : "failed",
      passed,
      observed: found.value,
      expected: bound,
      message: `${boundMessage(metric, found.value, bound)}${detail}`,
    };
  });
}

/** The gates configuration (policies/schemas/gates.schema.json) and the report the evaluator returns. */

// The config types are generated from policies/schemas/gates.schema.json (scripts/gen-types.ts).
import type { Bound, Fairness, Gates, Regression } from "../config/types.gen.ts";

export type { Bound, Gates };
/** Regression gates against the version serving in `against`. */
export type RegressionGates = Regression;
/** Fairness gates computed from a predictions CSV. */
export type FairnessGates = Fairness;

/** Named numeric metrics and the file they came from (named in messages). */
export interface MetricSet {
  source: string;
  values: Record<string, number>;
}

/** A parsed CSV: header and rows of cells, with the file name for messages. */
export interface CsvTable {
  source: string;
  header: string[];
  rows: string[][];
  /** The 1-based line each row starts on (the header is line 1). */
  lines: number[];
}

/** A parse outcome: the value, or one message per problem, each naming the fix. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** The three kinds of gate. */
export type GateKind = "threshold" | "regression" | "fairness";

/** A gate's outcome. `skipped` never fails the report but is always shown with its reason. */
export type GateStatus = "passed" | "failed" | "skipped";

/** One evaluated gate. `id` is the gate's dotted path in the config (e.g. `regression.max_drop.accuracy`). */
export interface GateResult {
  id: string;
  kind: GateKind;
  metric: string;
  status: GateStatus;
  /** True only when status is "passed". */
  passed: boolean;
  /** The candidate's value; null when it is missing or undefined. */
  observed: number | null;
  /** The bound the observed value had to meet (for regressions: derived from the baseline). */
  expected: Bound;
  /** The baseline value (regressions only). */
  baseline?: number;
  /** observed − baseline (regressions only). */
  delta?: number;
  message: string;
}

/** One group of the sensitive columns' value combination, with its rates. */
export interface GroupRates {
  /** `gender=F, age_band=18-25`. */
  key: string;
  values: Record<string, string>;
  count: number;
  selectionRate: number;
  truePositiveRate: number;
  falsePositiveRate: number;
}

/** Fairness metrics over groups (fairlearn's between_groups definitions); null when undefined (0/0). */
export interface FairnessSummary {
  sensitive: string[];
  positive: string;
  groups: GroupRates[];
  metrics: Record<string, number | null>;
}

/** What evaluateGates returns: `passed` is false exactly when some result failed. */
export interface GateReport {
  passed: boolean;
  counts: { passed: number; failed: number; skipped: number };
  results: GateResult[];
  candidate: MetricSet;
  /** The environment regression gates compare against (`regression.against`), when there are any. */
  against?: string;
  /** The baseline's metrics and the environment they come from, when one was given. */
  baseline?: MetricSet & { environment: string };
  fairness?: FairnessSummary;
}

/** The entries of a generated map type whose values are `T | undefined`, without the undefined ones. */
export function definedEntries<T>(
  record: { [k: string]: T | undefined } | undefined,
): [string, T][] {
  return Object.entries(record ?? {}).filter((e): e is [string, T] => e[1] !== undefined);
}

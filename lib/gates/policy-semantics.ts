/** Checks on a schema-valid gates block that the schema cannot express (run by lib/config's loader). */
import type { PathSegment, SemanticCheck, SemanticContext } from "../config/context.ts";
import { FAIRNESS_METRICS } from "./fairness.ts";
import { ALLOWANCES } from "./regression.ts";
import { type Bound, definedEntries, type Gates } from "./types.ts";

type Path = readonly PathSegment[];

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      row[j] = Math.min(
        above + 1,
        (row[j - 1] as number) + 1,
        diagonal + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      diagonal = above;
    }
  }
  return row[b.length] as number;
}

function nearest(name: string, options: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(3, Math.floor(name.length / 3)) + 1;
  for (const option of options) {
    const d = distance(name, option);
    if (d < bestDistance) {
      best = option;
      bestDistance = d;
    }
  }
  return best;
}

function checkBoundOrder(bound: Bound, path: Path, ctx: SemanticContext): void {
  if (bound.min !== undefined && bound.max !== undefined && bound.min > bound.max) {
    ctx.error(
      [...path, "min"],
      `min ${bound.min} is above max ${bound.max}: no value can pass; swap them or widen the range`,
    );
  }
}

function checkFairness(gates: Gates, at: Path, ctx: SemanticContext): void {
  const fairness = gates.fairness;
  if (!fairness) return;
  const path = [...at, "fairness"];
  const names = Object.keys(fairness.metrics);
  if (names.length === 0) {
    ctx.warning(
      [...path, "metrics"],
      "no fairness metric is bounded, so nothing is checked; add e.g. demographic_parity_difference: { max: 0.1 }",
    );
  } else if (fairness.sensitive.length === 0) {
    ctx.error(
      [...path, "sensitive"],
      "fairness metrics need at least one sensitive attribute column; list them, e.g. [gender, age_band]",
    );
  }
  const seen = new Set<string>();
  const { label = "label", prediction = "prediction" } = fairness.columns ?? {};
  fairness.sensitive.forEach((column, i) => {
    if (seen.has(column)) {
      ctx.error([...path, "sensitive", i], `"${column}" is listed twice; list it once`);
    }
    seen.add(column);
    if (column === label || column === prediction) {
      ctx.error(
        [...path, "sensitive", i],
        `"${column}" is the ${column === label ? "label" : "prediction"} column, not a sensitive attribute; list attribute columns such as gender`,
      );
    }
  });
  const allowed = Object.keys(FAIRNESS_METRICS);
  for (const [name, bound] of definedEntries(fairness.metrics)) {
    const metricPath = [...path, "metrics", name];
    if (!(name in FAIRNESS_METRICS)) {
      const hint = nearest(name, allowed);
      ctx.error(
        metricPath,
        `unknown fairness metric "${name}"${hint ? `; did you mean "${hint}"?` : ""} (known: ${allowed.join(", ")})`,
      );
      continue;
    }
    checkBoundOrder(bound, metricPath, ctx);
    for (const side of ["min", "max"] as const) {
      const value = bound[side];
      if (value !== undefined && (value < 0 || value > 1)) {
        ctx.error(
          [...metricPath, side],
          `${name} lies between 0 and 1, so ${side} ${value} ${side === "min" ? "fails every model" : "checks nothing"}; use a value in [0, 1]`,
        );
      }
    }
  }
}

function checkRegression(gates: Gates, at: Path, ctx: SemanticContext): void {
  const regression = gates.regression;
  if (!regression) return;
  const path = [...at, "regression"];
  for (const [metric, fraction] of definedEntries(regression.max_drop_relative)) {
    if (fraction > 1) {
      ctx.error(
        [...path, "max_drop_relative", metric],
        `${fraction} is a fraction of the baseline (0.02 = 2%), and a drop past 100% cannot happen; use a value in [0, 1]`,
      );
    }
  }
  const higher = new Set([
    ...Object.keys(regression.max_drop ?? {}),
    ...Object.keys(regression.max_drop_relative ?? {}),
  ]);
  for (const kind of ["max_increase", "max_increase_relative"] as const) {
    for (const metric of Object.keys(regression[kind] ?? {})) {
      if (higher.has(metric)) {
        ctx.error(
          [...path, kind, metric],
          `${metric} has both a max_drop (higher is better) and a ${kind} (lower is better); keep the one that matches the metric`,
        );
      }
      const bound = gates.metrics?.[metric];
      if (bound?.min !== undefined && bound.max === undefined) {
        ctx.warning(
          [...path, kind, metric],
          `${metric} has a min threshold (higher is better) but a ${kind} (lower is better); use max_drop if higher is better`,
        );
      }
    }
  }
  for (const metric of higher) {
    const bound = gates.metrics?.[metric];
    if (bound?.max !== undefined && bound.min === undefined) {
      const kind = regression.max_drop?.[metric] !== undefined ? "max_drop" : "max_drop_relative";
      ctx.warning(
        [...path, kind, metric],
        `${metric} has a max threshold (lower is better) but a ${kind} (higher is better); use max_increase if lower is better`,
      );
    }
  }
  const empty = ALLOWANCES.every((kind) => Object.keys(regression[kind] ?? {}).length === 0);
  if (empty) {
    ctx.warning(
      path,
      `no allowance is set, so nothing is compared with ${regression.against}; add e.g. max_drop: { accuracy: 0.01 }`,
    );
  }
}

/** Check a gates block found at `at` inside a larger document (e.g. ["gates"] in .github/mlops.yml). */
export function checkGatesAt(gates: Gates, ctx: SemanticContext, at: Path): void {
  const hasAny =
    Object.keys(gates.metrics ?? {}).length > 0 ||
    gates.regression !== undefined ||
    gates.fairness !== undefined;
  if (!hasAny) {
    ctx.warning(
      at,
      "no gate is set, so every model passes; add metrics thresholds, regression or fairness",
    );
  }
  for (const [metric, bound] of definedEntries(gates.metrics)) {
    checkBoundOrder(bound, [...at, "metrics", metric], ctx);
  }
  checkRegression(gates, at, ctx);
  checkFairness(gates, at, ctx);
}

/** The semantic check of a standalone gates document (kind "gates"). */
export const checkGates: SemanticCheck<Gates> = (gates, ctx) => checkGatesAt(gates, ctx, []);

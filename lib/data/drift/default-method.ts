// Evidently's default stattest choice (legacy/calculations/stattests/registry.py
// `_get_default_stattest`) and each method's default threshold and verdict rule.

/** Column kind as drift sees it. */
export type DriftKind = "numeric" | "categorical";

/** Every selectable drift method (Evidently's stattest names). */
export const DRIFT_METHODS = [
  "ks",
  "z",
  "chisquare",
  "wasserstein",
  "jensenshannon",
  "psi",
  "kl_div",
  "hellinger",
] as const;
export type DriftMethod = (typeof DRIFT_METHODS)[number];

/** Methods whose score is a p-value: drift when the p-value is small. */
const P_VALUE_METHODS: ReadonlySet<DriftMethod> = new Set(["ks", "z", "chisquare"]);

/** The method Evidently picks for a column (`referenceRows`, `uniqueValues` counted without missing values). */
export function defaultDriftMethod(params: {
  kind: DriftKind;
  referenceRows: number;
  uniqueValues: number;
}): DriftMethod {
  const { kind, referenceRows, uniqueValues } = params;
  if (referenceRows <= 1000) {
    if (kind === "categorical" || uniqueValues <= 5) return uniqueValues > 2 ? "chisquare" : "z";
    return "ks";
  }
  if (kind === "categorical") return "jensenshannon";
  return uniqueValues <= 5 ? "jensenshannon" : "wasserstein";
}

/** Evidently's default threshold: 0.05 for p-values, 0.1 for distances. */
export function defaultThreshold(method: DriftMethod): number {
  return P_VALUE_METHODS.has(method) ? 0.05 : 0.1;
}

/** Evidently's verdict: p < threshold (ks: p ≤ threshold), distance ≥ threshold; NaN never drifts. */
export function isDrifted(method: DriftMethod, score: number, threshold: number): boolean {
  if (method === "ks") return score <= threshold;
  if (P_VALUE_METHODS.has(method)) return score < threshold;
  return score >= threshold;
}

// The two-sample Kolmogorov–Smirnov test as scipy documents `ks_2samp` (two-sided,
// method="auto"): the exact null distribution when both samples hold at most 10,000 values,
// otherwise the one-sample distribution of D_n (`kstwo`) with n = round(m·n / (m + n)).

import { kolmogorovSf } from "./kolmogorov.ts";
import { twoSampleExactSf } from "./ks-exact.ts";

/** Largest sample size for which method="auto" computes the exact p-value (scipy docs). */
export const EXACT_MAX_SIZE = 10_000;

/** The test's outcome: D, its p-value P(D ≥ d) under the null, and which distribution gave it. */
export type KsResult = { statistic: number; pValue: number; method: "exact" | "asymp" };

function isSorted(values: Float64Array): boolean {
  for (let i = 1; i < values.length; i++) if (values[i - 1]! > values[i]!) return false;
  return true;
}

/**
 * m·n·D as an integer: the largest |i·n − j·m| over the merged sample, where i and j count the
 * values ≤ v of each side, taken only after every copy of a tied value v (ECDFs are right-continuous).
 */
export function scaledStatistic(a: Float64Array, b: Float64Array): number {
  const m = a.length;
  const n = b.length;
  let i = 0;
  let j = 0;
  let best = 0;
  while (i < m && j < n) {
    const v = Math.min(a[i]!, b[j]!);
    while (i < m && a[i] === v) i++;
    while (j < n && b[j] === v) j++;
    const gap = Math.abs(i * n - j * m);
    if (gap > best) best = gap;
  }
  // Past the end of one side its ECDF is 1; the gap only shrinks towards (m, n), so the
  // position where the first side ran out is already counted.
  return best;
}

/** Round half to even, as numpy's `round` does. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Two-sided two-sample KS test of sorted samples (unsorted input is sorted on a copy). */
export function ksTest(reference: Float64Array, current: Float64Array): KsResult {
  const a = isSorted(reference) ? reference : reference.slice().sort();
  const b = isSorted(current) ? current : current.slice().sort();
  const m = a.length;
  const n = b.length;
  if (m === 0 || n === 0) return { statistic: Number.NaN, pValue: Number.NaN, method: "exact" };
  const gap = scaledStatistic(a, b);
  const statistic = gap / (m * n);
  if (m <= EXACT_MAX_SIZE && n <= EXACT_MAX_SIZE) {
    return { statistic, pValue: clamp01(twoSampleExactSf(m, n, gap)), method: "exact" };
  }
  const effective = roundHalfEven((m * n) / (m + n));
  return { statistic, pValue: clamp01(kolmogorovSf(effective, statistic)), method: "asymp" };
}

function clamp01(p: number): number {
  return Math.min(1, Math.max(0, p));
}

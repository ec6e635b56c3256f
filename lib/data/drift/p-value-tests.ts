// The p-value tests of Evidently's defaults: two-sample KS, chi-square on value counts and the
// two-proportion z-test. Each returns the p-value (the drift score).

import { ksTest } from "./ks.ts";
import { type NumericSample, pairedCounts, type Sample } from "./sample.ts";
import { chiSquareSf, normalCdf } from "./special.ts";

/** scipy ks_2samp p-value of the two sorted samples (Evidently `ks`). */
export function ksPValue(sample: NumericSample): number {
  return ksTest(sample.reference, sample.current).pValue;
}

/**
 * Evidently `chisquare`: scipy chisquare(current counts, reference counts × n_cur/n_ref).
 * A single category leaves no degree of freedom (scipy answers NaN); we answer 1: no drift.
 */
export function chiSquarePValue(sample: Sample): number {
  const counts = pairedCounts(sample);
  const k = counts.keys.length;
  if (k < 2) return 1;
  const kNorm = counts.currentRows / counts.referenceRows;
  let statistic = 0;
  for (let i = 0; i < k; i++) {
    const expected = counts.reference[i]! * kNorm;
    const diff = counts.current[i]! - expected;
    statistic += (diff * diff) / expected;
  }
  return chiSquareSf(statistic, k - 1);
}

/** Evidently `z`: two-proportion z-test of "equals the smallest value" between the sides. */
export function zPValue(sample: Sample): number {
  const counts = pairedCounts(sample);
  const refDistinct = counts.reference.reduce((n, c) => n + (c > 0 ? 1 : 0), 0);
  const curDistinct = counts.current.reduce((n, c) => n + (c > 0 ? 1 : 0), 0);
  if (counts.keys.length === 1 && refDistinct === 1 && curDistinct === 1) return 1;
  const n1 = counts.referenceRows;
  const n2 = counts.currentRows;
  // Evidently maps the first sorted key to 0 and every other value to 1.
  const p1 = (n1 - counts.reference[0]!) / n1;
  const p2 = (n2 - counts.current[0]!) / n2;
  const P = (p1 * n1 + p2 * n2) / (n1 + n2);
  const z = (p1 - p2) / Math.sqrt(P * (1 - P) * (1 / n1 + 1 / n2));
  return 2 * (1 - normalCdf(Math.abs(z)));
}

// Two-sample Kolmogorov–Smirnov test as scipy.stats.ks_2samp(method="auto", two-sided):
// exact p-values (Hodges / Viehmann lattice-path recursions) when both samples have at most
// 10,000 values, else kstwo.sf(D, round(mn/(m+n))). Ported from scipy 1.10's _stats_py.py.

import { kolmogorovSf } from "./kolmogorov.ts";

const MAX_AUTO_N = 10_000;

/** numpy's round-half-to-even. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y) [x, y] = [y, x % y];
  return x;
}

/** sup |F1 - F2| of two sorted samples, computed as ks_2samp does (cdf1 - cdf2 at every value). */
export function ksStatistic(a: Float64Array, b: Float64Array): number {
  const n1 = a.length;
  const n2 = b.length;
  let i = 0;
  let j = 0;
  let maxS = Number.NEGATIVE_INFINITY;
  let minS = Number.POSITIVE_INFINITY;
  while (i < n1 || j < n2) {
    const v = j >= n2 || (i < n1 && a[i]! <= b[j]!) ? a[i]! : b[j]!;
    while (i < n1 && a[i]! <= v) i++;
    while (j < n2 && b[j]! <= v) j++;
    const diff = i / n1 - j / n2;
    if (diff > maxS) maxS = diff;
    if (diff < minS) minS = diff;
  }
  const negMin = Math.min(Math.max(-minS, 0), 1);
  return Math.max(negMin, maxS);
}

/** Pr(D_{n,n} ≥ h/n), Horner-like alternating sum (scipy _compute_prob_outside_square). */
function probOutsideSquare(n: number, h: number): number {
  let P = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    P = p1 * (1 - P);
  }
  return 2 * P;
}

/** 1 − Pr(paths stay strictly inside |x/m − y/n| < h/lcm) (scipy _compute_outer_prob_inside_method). */
function outerProbInside(mIn: number, nIn: number, g: number, h: number): number {
  const m = Math.max(mIn, nIn);
  const n = Math.min(mIn, nIn);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1);
  A.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (A[jj + minj - lastminj]! * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) A.fill(1, maxj - minj, Math.min(maxj - minj + (lastlen - curlen), lenA));
  }
  return A[maxj - minj - 1]!;
}

/** Exact two-sided p-value, or null when scipy would fall back to the asymptotic one. */
function exactPValue(n1: number, n2: number, d: number): number | null {
  const g = gcd(n1, n2);
  const lcm = (n1 / g) * n2;
  const h = roundHalfEven(d * lcm);
  if (h === 0) return 1;
  const prob = n1 === n2 ? probOutsideSquare(n1, h) : outerProbInside(n1, n2, g, h);
  return Number.isFinite(prob) && prob >= 0 && prob <= 1 ? prob : null;
}

/** Two-sided ks_2samp p-value (method "auto") of two sorted, non-empty samples. */
export function ksTest(a: Float64Array, b: Float64Array): { statistic: number; pValue: number } {
  const n1 = a.length;
  const n2 = b.length;
  const d = ksStatistic(a, b);
  let p: number | null = null;
  if (Math.max(n1, n2) <= MAX_AUTO_N) p = exactPValue(n1, n2, d);
  if (p === null) {
    const m = Math.max(n1, n2);
    const n = Math.min(n1, n2);
    const en = (m * n) / (m + n);
    p = kolmogorovSf(roundHalfEven(en), d);
  }
  return { statistic: d, pValue: Math.min(Math.max(p, 0), 1) };
}

// Pomeranz's recursion (1974, CACM Algorithm 487) for the two-sided one-sample statistic, in
// the form Simard & L'Ecuyer (2011, JSS 39(11), §2.2) recommend for n ≤ 140 and moderate x.
//
// Scale the n uniform values by n: V_(1) ≤ … ≤ V_(n) in [0, n] and t = n·x. D_n ≤ x means
// i − t ≤ V_(i) ≤ i − 1 + t for every i, i.e. for the count N(s) of values ≤ s:
//   N(i − t) ≤ i − 1   and   N(i − 1 + t) ≥ i.
// Between consecutive break points A_j < A_{j+1} of that list the counts are multinomial, so
// P = n!/n^n · Σ over admissible count paths of Π (A_{j+1} − A_j)^c / c!, which the recursion
// sums one break point at a time. Exact up to rounding; cost O(n·t²).

import { timesPowerOfTwo } from "./ks-durbin.ts";

const SCALE_BITS = 256;
const BIG = 2 ** SCALE_BITS;
const SMALL = 2 ** -SCALE_BITS;

/** A constraint on N at a break point: at most `max`, or at least `min`. */
type BreakPoint = { at: number; max?: number; min?: number };

function breakPoints(n: number, t: number): BreakPoint[] {
  const points: BreakPoint[] = [];
  for (let i = 1; i <= n; i++) {
    if (i - t > 0) points.push({ at: i - t, max: i - 1 });
    if (i - 1 + t < n) points.push({ at: i - 1 + t, min: i });
  }
  points.push({ at: n, min: n });
  return points.sort((p, q) => p.at - q.at);
}

/** P(D_n ≤ x) for n uniform values by Pomeranz's recursion. */
export function pomeranzCdf(n: number, x: number): number {
  const t = n * x;
  // powers[c] = len^c / c! for the current segment length.
  const powers = new Float64Array(n + 1);
  // state[c]: weight of the count paths with N = c at the current break point.
  let state = new Float64Array(n + 1);
  let next = new Float64Array(n + 1);
  state[0] = 1;
  let lo = 0;
  let hi = 0;
  let exp2 = 0;
  let position = 0;
  for (const point of breakPoints(n, t)) {
    const length = point.at - position;
    position = point.at;
    let newLo = lo;
    let newHi = hi;
    if (length > 0) {
      newHi = n;
      powers[0] = 1;
      for (let c = 1; c <= n - lo; c++) powers[c] = (powers[c - 1]! * length) / c;
    }
    if (point.max !== undefined) newHi = Math.min(newHi, point.max);
    if (point.min !== undefined) newLo = Math.max(newLo, point.min);
    if (newLo > newHi) return 0;
    let top = 0;
    for (let c = newLo; c <= newHi; c++) {
      let sum = 0;
      if (length > 0) {
        for (let b = lo; b <= Math.min(c, hi); b++) sum += state[b]! * powers[c - b]!;
      } else if (c <= hi) {
        sum = state[c]!;
      }
      next[c] = sum;
      if (sum > top) top = sum;
    }
    if (top > BIG) {
      for (let c = newLo; c <= newHi; c++) next[c]! *= SMALL;
      exp2 += SCALE_BITS;
    }
    [state, next] = [next, state];
    lo = newLo;
    hi = newHi;
  }
  // Times n!/n^n = Π (i/n).
  let value = state[n]!;
  for (let i = 1; i <= n; i++) {
    value *= i / n;
    if (value !== 0 && value < SMALL) {
      value *= BIG;
      exp2 -= SCALE_BITS;
    }
  }
  return timesPowerOfTwo(value, exp2);
}

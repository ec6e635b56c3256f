// The exact null distribution of the two-sample statistic D_{m,n}. Under the null every
// interleaving of the two sorted samples is equally likely: a uniformly random monotone lattice
// path from (0, 0) to (m, n), and m·n·D is the largest |i·n − j·m| the path visits
// (Hodges 1957, "The significance probability of the Smirnov two-sample test").

/**
 * P(m·n·D ≥ gap): the chance that a random path leaves the band |i·n − j·m| < gap.
 * Equal sizes use the Gnedenko–Korolyuk reflection sum; other sizes a first-exit dynamic
 * programme over the band (at most ~2·gap cells) whose terms are all positive: no cancellation,
 * so tiny p-values keep their relative precision down to ~1e-280 (below, see NEGLIGIBLE).
 */
export function twoSampleExactSf(m: number, n: number, gap: number): number {
  if (gap <= 0) return 1;
  if (gap > m * n) return 0;
  if (m === n) return equalSizesSf(n, Math.ceil(gap / n));
  return firstExitSf(m, n, gap);
}

/**
 * m = n: the path is a ±1 walk bridge of 2n steps and D = h/n. By the reflection principle
 * P(max |S| ≥ h) = 2 Σ_{k≥1} (−1)^{k−1} C(2n, n − k·h) / C(2n, n) (Gnedenko & Korolyuk 1951).
 */
function equalSizesSf(n: number, h: number): number {
  // ratio = C(2n, n − s) / C(2n, n) = Π_{t=1..s} (n − t + 1) / (n + t), built up as s grows.
  let ratio = 1;
  let s = 0;
  let sum = 0;
  for (let k = 1; k * h <= n; k++) {
    for (; s < k * h; s++) ratio *= (n - s) / (n + s + 1);
    if (ratio === 0) break;
    sum += k % 2 === 1 ? ratio : -ratio;
  }
  return 2 * sum;
}

/**
 * Masses below this are dropped: they can add at most (m·n ≤ 1e8 cells) × 1e−305 = 1e−297 to the
 * answer, and dropping them keeps the loops out of slow subnormal arithmetic.
 */
const NEGLIGIBLE = 1e-305;

/**
 * m ≠ n: walk the band row by row (i = values taken from the first sample). A random path at
 * (i, j) steps to (i + 1, j) with probability (m − i) / (m − i + n − j), else to (i, j + 1).
 * `row[j]` is the chance of reaching (i, j) without having left the band; the answer is the
 * mass carried across the band's edge, each path counted once at its first exit.
 */
function firstExitSf(m: number, n: number, gap: number): number {
  // Inside the band on row i: lo(i) ≤ j ≤ hi(i). Both bounds are exact integer divisions
  // (m·n ≤ 1e8 here, far below 2^53) and never decrease with i.
  const lo = (i: number) => Math.max(0, Math.floor((i * n - gap) / m) + 1);
  const hi = (i: number) => Math.min(n, Math.ceil((i * n + gap) / m) - 1);
  // 1/k for every number of values left: one multiplication per step instead of a division.
  const inverse = new Float64Array(m + n + 1);
  for (let k = 1; k <= m + n; k++) inverse[k] = 1 / k;
  let prev = new Float64Array(n + 1);
  let row = new Float64Array(n + 1);
  let exit = 0;
  // The previous row's mass is nonzero only on [prevLo, prevHi] (the band, less underflow).
  let prevLo = 0;
  let prevHi = -1;
  for (let i = 0; i <= m; i++) {
    const a = lo(i);
    const b = hi(i);
    const down = m - i + 1; // values of the first sample left before the step into row i
    // Paths stepping down out of the previous row below this row's band leave here.
    for (let j = prevLo; j <= Math.min(prevHi, a - 1); j++) {
      exit += prev[j]! * down * inverse[down + n - j]!;
    }
    const first = i === 0 ? 0 : Math.max(a, prevLo);
    let newLo = -1;
    let newHi = -2;
    for (let j = first; j <= b; j++) {
      let mass = i === 0 && j === 0 ? 1 : 0;
      if (j <= prevHi) mass += prev[j]! * down * inverse[down + n - j]!;
      if (j > first) mass += row[j - 1]! * (n - j + 1) * inverse[m - i + n - j + 1]!;
      if (mass < NEGLIGIBLE) {
        // Past the previous row's mass only the step from the left feeds a cell: all zero now.
        if (j > prevHi) break;
        mass = 0;
      } else {
        if (newLo < 0) newLo = j;
        newHi = j;
      }
      row[j] = mass;
    }
    // Paths stepping right past the band's upper edge leave here.
    if (newHi === b && b < n) exit += row[b]! * (n - b) * inverse[m - i + n - b]!;
    if (newLo < 0) break; // no mass left inside the band
    [prev, row] = [row, prev];
    prevLo = newLo;
    prevHi = newHi;
  }
  return exit;
}

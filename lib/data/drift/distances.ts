// The distance scores: normed Wasserstein, Jensen–Shannon, PSI, Kullback–Leibler and Hellinger,
// each computed as Evidently does it on top of scipy/numpy.

import { binnedShares, histogramCounts, sturgesEdges } from "./binning.ts";
import { type NumericSample, pairedCounts, type Sample } from "./sample.ts";

/** Neumaier-compensated running sum: keeps 1M-term sums within a few ulps, like numpy's pairwise sum. */
class Sum {
  private s = 0;
  private c = 0;
  add(x: number): void {
    const t = this.s + x;
    this.c += Math.abs(this.s) >= Math.abs(x) ? this.s - t + x : x - t + this.s;
    this.s = t;
  }
  get value(): number {
    return this.s + this.c;
  }
}

/** Population standard deviation (numpy `np.std`, ddof 0). */
export function populationStd(values: Float64Array): number {
  const total = new Sum();
  for (const v of values) total.add(v);
  const mean = total.value / values.length;
  const squares = new Sum();
  for (const v of values) squares.add((v - mean) * (v - mean));
  return Math.sqrt(squares.value / values.length);
}

/** scipy wasserstein_distance of two sorted samples: ∫ |F_u − F_v|. */
export function wassersteinDistance(u: Float64Array, v: Float64Array): number {
  const nu = u.length;
  const nv = v.length;
  const total = new Sum();
  let i = 0;
  let j = 0;
  let previous = Math.min(u[0]!, v[0]!);
  while (i < nu || j < nv) {
    const x = j >= nv || (i < nu && u[i]! <= v[j]!) ? u[i]! : v[j]!;
    // The CDFs are constant on [previous, x): they count values ≤ previous.
    total.add(Math.abs(i / nu - j / nv) * (x - previous));
    while (i < nu && u[i] === x) i++;
    while (j < nv && v[j] === x) j++;
    previous = x;
  }
  return total.value;
}

/** Evidently `wasserstein`: the distance divided by max(reference population std, 0.001). */
export function wassersteinNormed(sample: NumericSample): number {
  const norm = Math.max(populationStd(sample.reference), 0.001);
  return wassersteinDistance(sample.reference, sample.current) / norm;
}

/** scipy.special.rel_entr. */
function relEntr(x: number, y: number): number {
  if (x > 0 && y > 0) return x * Math.log(x / y);
  if (x === 0 && y >= 0) return 0;
  return Number.POSITIVE_INFINITY;
}

function normalized(p: Float64Array): Float64Array {
  const total = new Sum();
  for (const v of p) total.add(v);
  const s = total.value;
  return p.map((v) => v / s);
}

/** Evidently `jensenshannon`: scipy's Jensen–Shannon distance (natural log) of unfilled shares. */
export function jensenShannon(sample: Sample): number {
  const shares = binnedShares(sample, false);
  const p = normalized(shares.reference);
  const q = normalized(shares.current);
  const left = new Sum();
  const right = new Sum();
  for (let i = 0; i < p.length; i++) {
    const m = (p[i]! + q[i]!) / 2;
    left.add(relEntr(p[i]!, m));
    right.add(relEntr(q[i]!, m));
  }
  // Rounding can leave a hair below 0 for identical shares, where scipy's sqrt gives NaN.
  return Math.sqrt(Math.max((left.value + right.value) / 2, 0));
}

/** Evidently `psi`: Σ (ref − cur) · ln(ref / cur) over zero-filled shares. */
export function psi(sample: Sample): number {
  const { reference: r, current: c } = binnedShares(sample, true);
  const total = new Sum();
  for (let i = 0; i < r.length; i++) total.add((r[i]! - c[i]!) * Math.log(r[i]! / c[i]!));
  return total.value;
}

/** Evidently `kl_div`: scipy.stats.entropy(ref, cur) over zero-filled shares (renormalized). */
export function klDivergence(sample: Sample): number {
  const shares = binnedShares(sample, true);
  const p = normalized(shares.reference);
  const q = normalized(shares.current);
  const total = new Sum();
  for (let i = 0; i < p.length; i++) total.add(relEntr(p[i]!, q[i]!));
  return total.value;
}

/** Evidently `hellinger`: value shares for categories, Sturges densities over distinct values for numbers. */
export function hellinger(sample: Sample): number {
  let overlap = 0;
  if (sample.kind === "categorical") {
    const counts = pairedCounts(sample);
    for (let i = 0; i < counts.keys.length; i++) {
      const p1 = counts.reference[i]! / counts.referenceRows;
      const p2 = counts.current[i]! / counts.currentRows;
      overlap += Math.sqrt(p1 * p2);
    }
  } else {
    const keys = pairedCounts(sample).keys as number[];
    const edges = sturgesEdges(keys[0]!, keys[keys.length - 1]!, keys.length);
    const density = (sorted: Float64Array): Float64Array => {
      const counts = histogramCounts(sorted, edges);
      let total = 0;
      for (const c of counts) total += c;
      return counts.map((c, i) => c / (edges[i + 1]! - edges[i]!) / total);
    };
    const h1 = density(sample.reference);
    const h2 = density(sample.current);
    const binWidth = (edges[edges.length - 1]! - edges[0]!) / (edges.length - 1);
    for (let i = 0; i < h1.length; i++) overlap += Math.sqrt(h1[i]! * h2[i]!) * binWidth;
  }
  const clipped = Math.min(Math.max(overlap, 0), 1);
  return Math.sqrt(1 - clipped);
}

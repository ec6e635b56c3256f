// Evidently's get_binned_data: Sturges histogram edges over reference+current for numeric
// columns whose reference has more than 20 distinct values, else one bin per value; shares of
// each side, with zero shares replaced as Evidently does ("feel_zeroes"). Edges and counts
// follow numpy's histogram_bin_edges / linspace / histogram exactly.

import { pairedCounts, referenceUnique, type Sample } from "./sample.ts";

/** numpy histogram_bin_edges(data, "sturges") from the data's min, max and size. */
export function sturgesEdges(min: number, max: number, size: number): Float64Array {
  let first = min;
  let last = max;
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  const width = (max - min) / (Math.log2(size) + 1);
  const bins = width ? Math.ceil((last - first) / width) : 1;
  // numpy.linspace(first, last, bins + 1): i·step + start, last edge set to stop.
  const edges = new Float64Array(bins + 1);
  const delta = last - first;
  const step = delta / bins;
  for (let i = 0; i <= bins; i++) {
    edges[i] = (step === 0 ? (i / bins) * delta : i * step) + first;
  }
  edges[bins] = last;
  return edges;
}

function lowerBound(sorted: Float64Array, v: number, inclusive: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (inclusive ? sorted[mid]! <= v : sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** numpy.histogram(sorted, edges) counts: [e_i, e_i+1) per bin, the last bin closed. */
export function histogramCounts(sorted: Float64Array, edges: Float64Array): Float64Array {
  const bins = edges.length - 1;
  const cum = new Float64Array(edges.length);
  for (let i = 0; i < bins; i++) cum[i] = lowerBound(sorted, edges[i]!, false);
  cum[bins] = lowerBound(sorted, edges[bins]!, true);
  const counts = new Float64Array(bins);
  for (let i = 0; i < bins; i++) counts[i] = cum[i + 1]! - cum[i]!;
  return counts;
}

/** Replace zero shares by min(non-zero)/1e6 when that minimum is ≤ 1e-4, else by 1e-4. */
export function fillZeros(shares: Float64Array): Float64Array {
  let min = Number.POSITIVE_INFINITY;
  for (const s of shares) if (s !== 0 && s < min) min = s;
  const fill = min <= 0.0001 ? min / 10 ** 6 : 0.0001;
  return shares.map((s) => (s === 0 ? fill : s));
}

/** Reference and current shares per bin (Evidently's get_binned_data). */
export function binnedShares(
  sample: Sample,
  fill: boolean,
): { reference: Float64Array; current: Float64Array } {
  let reference: Float64Array;
  let current: Float64Array;
  if (sample.kind === "numeric" && referenceUnique(sample) > 20) {
    const ref = sample.reference;
    const cur = sample.current;
    const edges = sturgesEdges(
      Math.min(ref[0]!, cur[0]!),
      Math.max(ref[ref.length - 1]!, cur[cur.length - 1]!),
      ref.length + cur.length,
    );
    reference = histogramCounts(ref, edges).map((c) => c / ref.length);
    current = histogramCounts(cur, edges).map((c) => c / cur.length);
  } else {
    const counts = pairedCounts(sample);
    reference = counts.reference.map((c) => c / counts.referenceRows);
    current = counts.current.map((c) => c / counts.currentRows);
  }
  return fill
    ? { reference: fillZeros(reference), current: fillZeros(current) }
    : { reference, current };
}

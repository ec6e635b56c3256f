// The one-sided statistic D_n^+ = sup (F_n − F) for n uniform values, exactly.

/**
 * P(D_n^+ ≥ x) by the Birnbaum–Tingey formula (Ann. Math. Stat. 22, 1951):
 * x · Σ_{j=0}^{⌊n(1−x)⌋} C(n, j) (1 − x − j/n)^{n−j} (x + j/n)^{j−1}.
 * Every term is positive, so the sum keeps its relative precision deep in the tail; terms are
 * formed in log space (log C(n, j) built up by ratios) and summed relative to the largest.
 */
export function smirnovSf(n: number, x: number): number {
  if (!(x > 0)) return 1;
  if (x >= 1) return 0;
  const last = Math.floor(n * (1 - x));
  const logs = new Float64Array(last + 1);
  // log C(n, j) by a Neumaier-compensated running sum of log((n − j + 1)/j): a plain sum
  // rounds to the running total's ulp at every step, which cost 1e-9 relative at n = 125,000.
  let logBinomial = 0;
  let carry = 0;
  let top = Number.NEGATIVE_INFINITY;
  for (let j = 0; j <= last; j++) {
    if (j > 0) {
      const step = Math.log((n - j + 1) / j);
      const sum = logBinomial + step;
      carry +=
        Math.abs(logBinomial) >= Math.abs(step)
          ? logBinomial - sum + step
          : step - sum + logBinomial;
      logBinomial = sum;
    }
    // With u = x + j/n, log(1 − u) = log1p(−u) keeps its absolute precision for small u,
    // which the factor n − j would otherwise amplify.
    const u = x + j / n;
    let l = logBinomial + carry + (j - 1) * Math.log(u);
    if (n - j > 0) l = u < 1 ? l + (n - j) * Math.log1p(-u) : Number.NEGATIVE_INFINITY;
    logs[j] = l;
    if (l > top) top = l;
  }
  if (top === Number.NEGATIVE_INFINITY) return 0;
  let sum = 0;
  for (let j = 0; j <= last; j++) sum += Math.exp(logs[j]! - top);
  return Math.exp(top + Math.log(x * sum));
}

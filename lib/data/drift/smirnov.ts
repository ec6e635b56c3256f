// One-sided Kolmogorov–Smirnov survival function, scipy.special.smirnov(n, x) (cephes
// kolmogorov.c, Birnbaum–Tingey sum). Used by the two-sided distribution for large statistics,
// where every term of the sum is positive, so plain doubles with log-space terms suffice.

const EPS = 2.220446049250313e-16;
const MIN_LOG = -708.3964185322641;
const MAX_COMPUTE_N = 1_000_000;
const SPLITTER = 134217729; // 2^27 + 1, Veltkamp split

/** n·x as floor and fractional part, exactly (Dekker's two-product), as cephes' modNX does. */
function floorAndFraction(n: number, x: number): { floor: number; alpha: number } {
  const p = n * x;
  const cn = SPLITTER * n;
  const nh = cn - (cn - n);
  const nl = n - nh;
  const cx = SPLITTER * x;
  const xh = cx - (cx - x);
  const xl = x - xh;
  const err = nh * xh - p + nh * xl + nl * xh + nl * xl;
  let floor = Math.floor(p);
  let alpha = p - floor + err;
  if (alpha < 0) {
    floor -= 1;
    alpha += 1;
  }
  if (alpha >= 1) {
    floor += 1;
    alpha = 0;
  }
  return { floor, alpha };
}

/** log(b) for b = 1 - c given both b and c accurately: log1p keeps precision near 1. */
function logOf(b: number, c: number): number {
  return c < 0.5 ? Math.log1p(-c) : Math.log(b);
}

/** Pr(D+_n ≥ x): scipy.special.smirnov(n, x). */
export function smirnovSf(n: number, x: number): number {
  if (!(n > 0 && x >= 0 && x <= 1)) return Number.NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;
  const { floor: nxfl, alpha } = floorAndFraction(n, x);
  if (nxfl === 0 || (nxfl === 1 && alpha === 0)) {
    return 1 - x * (1 + x) ** (n - 1);
  }
  if (-2 * n * x * x < MIN_LOG) return 0;
  if (nxfl >= n - 1) return (1 - x) ** n;
  if (n > MAX_COMPUTE_N) {
    const logp = -((6 * n * x + 1) ** 2) / 18 / n;
    return logp < -Math.LN2 ? Math.exp(logp) : 1 + Math.expm1(logp);
  }
  // Lower sum: sf = x Σ_{v=0}^{⌊n(1-x)⌋} C(n,v) (1 - x - v/n)^(n-v) (x + v/n)^(v-1).
  let nTerms = n - nxfl - (alpha === 0 ? 0 : 1) + 1;
  if (alpha === 0) nTerms -= 1;
  const vmid = Math.floor(n / 2);
  let sum = (1 - x) ** n / x;
  let logC = Math.log(n); // C(n, 1)
  for (let v = 1; v < nTerms; v++) {
    const upper = (nxfl + v + alpha) / n; // x + v/n
    const lower = (n - nxfl - v - alpha) / n; // 1 - x - v/n
    const logTerm = logC + (n - v) * logOf(lower, upper) + (v - 1) * logOf(upper, lower);
    const term = Math.exp(logTerm);
    if (term > 0) {
      sum += term;
      if (4 * (nTerms - v) * term < EPS * sum && v !== nTerms - 1) break;
    } else if (v > vmid) {
      break;
    }
    logC += Math.log((n - v) / (v + 1));
  }
  const sf = x * sum;
  return sf < 0 ? 0 : Math.min(sf, 1);
}

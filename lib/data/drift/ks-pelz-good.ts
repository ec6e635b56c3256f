// The Pelz–Good asymptotic series (Pelz & Good 1976, JRSS B 38(2)) for the two-sided
// one-sample statistic, as Simard & L'Ecuyer (2011, JSS 39(11), eq. 6) give it: with z = x·√n,
//   P(D_n ≤ x) ≈ K0(z) + K1(z)/√n + K2(z)/n + K3(z)/n^{3/2}.
// Each K_i is a theta-like sum over k with Gaussian decay exp(−π²(k+½)²/(2z²)) or
// exp(−π²k²/(2z²)); the sums stop when a term no longer changes the total.

const SQRT_HALF_PI = Math.sqrt(Math.PI / 2);
const PI2 = Math.PI * Math.PI;
const PI4 = PI2 * PI2;
const PI6 = PI4 * PI2;
const MAX_TERMS = 200;

/** Σ_{k=−∞}^{∞} f(k) for f even about k = −½ (terms in (k+½)²): twice the sum over k ≥ 0. */
function halfIntegerSum(term: (w: number) => number): number {
  let sum = 0;
  for (let k = 0; k < MAX_TERMS; k++) {
    const w = (k + 0.5) * (k + 0.5);
    const t = term(w);
    sum += t;
    if (Math.abs(t) <= 1e-17 * Math.abs(sum) || t === 0) break;
  }
  return 2 * sum;
}

/** Σ_{k=−∞}^{∞} f(k²) with f(0) = 0 here: twice the sum over k ≥ 1. */
function integerSum(term: (w: number) => number): number {
  let sum = 0;
  for (let k = 1; k < MAX_TERMS; k++) {
    const t = term(k * k);
    sum += t;
    if (Math.abs(t) <= 1e-17 * Math.abs(sum) || t === 0) break;
  }
  return 2 * sum;
}

/** P(D_n ≤ x) by the Pelz–Good expansion (accurate for large n; Simard & L'Ecuyer §2.3). */
export function pelzGoodCdf(n: number, x: number): number {
  const z = x * Math.sqrt(n);
  const z2 = z * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const z8 = z4 * z4;
  const decay = (w: number) => Math.exp((-PI2 * w) / (2 * z2));

  // K0(z) = (√(2π)/z) Σ_{k≥1} exp(−(2k−1)²π²/(8z²)): the Kolmogorov limit, in Jacobi's form.
  const k0 = (SQRT_HALF_PI / z) * halfIntegerSum(decay);

  const k1 = (SQRT_HALF_PI / (6 * z4)) * halfIntegerSum((w) => (PI2 * w - z2) * decay(w));

  const k2 =
    (SQRT_HALF_PI / (72 * z6 * z)) *
      halfIntegerSum(
        (w) =>
          (6 * z6 + 2 * z4 + PI2 * (2 * z4 - 5 * z2) * w + PI4 * (1 - 2 * z2) * w * w) * decay(w),
      ) -
    (SQRT_HALF_PI / (36 * z2 * z)) * integerSum((w) => PI2 * w * decay(w));

  const k3 =
    (SQRT_HALF_PI / (6480 * z8 * z2)) *
      halfIntegerSum(
        (w) =>
          (PI6 * w * w * w * (5 - 30 * z2) +
            PI4 * w * w * (-60 * z2 + 212 * z4) +
            PI2 * w * (135 * z4 - 96 * z6) -
            30 * z6 -
            90 * z8) *
          decay(w),
      ) +
    (SQRT_HALF_PI / (216 * z6)) * integerSum((w) => (-PI4 * w * w + 3 * PI2 * z2 * w) * decay(w));

  const sqrtN = Math.sqrt(n);
  return k0 + k1 / sqrtN + k2 / n + k3 / (n * sqrtN);
}

// P(D_n ≥ x) for the two-sided one-sample statistic D_n and finite n (scipy's `kstwo.sf`),
// choosing a method per region of (n, x) after Simard & L'Ecuyer (2011, "Computing the
// Two-Sided Kolmogorov–Smirnov Distribution", JSS 39(11), §3).

import { durbinCdf } from "./ks-durbin.ts";
import { pelzGoodCdf } from "./ks-pelz-good.ts";
import { pomeranzCdf } from "./ks-pomeranz.ts";
import { smirnovSf } from "./smirnov.ts";

/** n! · y^n without overflow (y ≤ 1/n here, so the product only shrinks after its peak). */
function factorialTimesPower(n: number, y: number): number {
  let value = 1;
  for (let i = 1; i <= n; i++) value *= i * y;
  return value;
}

/** Survival function P(D_n ≥ x) of the two-sided KS statistic for n values. */
export function kolmogorovSf(n: number, x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  // Beyond n·x² = 370 the tail is below 2e−321, under the smallest normal double (S&L §3).
  if (x >= 1 || n * x * x >= 370) return 0;
  if (x <= 1 / (2 * n)) return 1;
  // Ruben & Gambino (1982): P(D_n ≤ x) = n!(2x − 1/n)^n for 1/(2n) ≤ x ≤ 1/n.
  if (x <= 1 / n) return 1 - factorialTimesPower(n, 2 * x - 1 / n);
  // Above ½ the one-sided excursions D+ ≥ x and D− ≥ x exclude each other, so the two-sided
  // tail is exactly twice the one-sided one; near 1 that is 2(1 − x)^n (S&L §3).
  if (x >= 1 - 1 / n) return 2 * (1 - x) ** n;
  if (x >= 0.5) return 2 * smirnovSf(n, x);
  const nxx = n * x * x;
  if (n <= 140) {
    if (nxx < 0.754693) return 1 - durbinCdf(n, x);
    if (nxx < 4) return 1 - pomeranzCdf(n, x);
    // Deep in the tail P(D+ ≥ x and D− ≥ x) is negligible next to P(D+ ≥ x) (S&L §3).
    return 2 * smirnovSf(n, x);
  }
  // n > 140 (S&L §3). The neglected joint excursion is ≈ e^(−6n·x²) relative to the tail,
  // ≤ 2e−6 at n·x² = 2.2; scipy draws the same line, so the two agree there to 1e−9 or better.
  if (nxx >= 2.2) return 2 * smirnovSf(n, x);
  // Durbin's matrix stays small (k ≈ n·x < 1.25·n^(1/3)) in the lower tail; elsewhere the
  // Pelz–Good series, whose error shrinks like 1/n² (up to 2.4e−5 of the tail at n = 141).
  if (n <= 100_000 && n * x ** 1.5 < 1.4) return 1 - durbinCdf(n, x);
  return 1 - pelzGoodCdf(n, x);
}

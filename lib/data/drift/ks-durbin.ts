// Durbin's matrix formula for the two-sided one-sample statistic, as Marsaglia, Tsang & Wang
// (2003, "Evaluating Kolmogorov's Distribution", JSS 8(18)) lay it out: with n·x = k − h,
// k a positive integer and 0 ≤ h < 1, P(D_n < x) = n!/n^n · (H^n)_{k,k} for the
// (2k−1)×(2k−1) matrix H below. Exact up to rounding; cost O(k³ log n).

const SCALE_BITS = 256;
const BIG = 2 ** SCALE_BITS;
const SMALL = 2 ** -SCALE_BITS;

/** A matrix with a power-of-two exponent kept aside: value = entries · 2^exp2. */
type Scaled = { entries: Float64Array; exp2: number };

function multiply(a: Scaled, b: Scaled, size: number): Scaled {
  const out = new Float64Array(size * size);
  const x = a.entries;
  const y = b.entries;
  for (let i = 0; i < size; i++) {
    for (let l = 0; l < size; l++) {
      const xil = x[i * size + l]!;
      if (xil === 0) continue;
      for (let j = 0; j < size; j++) out[i * size + j]! += xil * y[l * size + j]!;
    }
  }
  let exp2 = a.exp2 + b.exp2;
  // Keep entries in range; MTW rescale by 1e140 for the same reason.
  let top = 0;
  for (const v of out) if (Math.abs(v) > top) top = Math.abs(v);
  while (top > BIG) {
    for (let i = 0; i < out.length; i++) out[i]! *= SMALL;
    top *= SMALL;
    exp2 += SCALE_BITS;
  }
  return { entries: out, exp2 };
}

/** The matrix H of MTW §2 (1-based): H_ij = 1/(i−j+1)! below the superdiagonal, corrected in column 1 and row m. */
function durbinMatrix(k: number, h: number): Float64Array {
  const size = 2 * k - 1;
  const invFactorial = new Float64Array(size + 1);
  invFactorial[0] = 1;
  for (let f = 1; f <= size; f++) invFactorial[f] = invFactorial[f - 1]! / f;
  const H = new Float64Array(size * size);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const f = r - c + 1;
      if (f >= 0) H[r * size + c] = invFactorial[f]!;
    }
  }
  // Column 1: (1 − h^i)/i!; row m: (1 − h^(m−j+1))/(m−j+1)!; their corner also gains (2h−1)_+^m/m!.
  let power = 1;
  for (let r = 0; r < size; r++) {
    power *= h;
    H[r * size]! -= power * invFactorial[r + 1]!;
    H[(size - 1) * size + (size - 1 - r)]! -= power * invFactorial[r + 1]!;
  }
  if (2 * h - 1 > 0) H[(size - 1) * size]! += (2 * h - 1) ** size * invFactorial[size]!;
  return H;
}

/** P(D_n < x) for n uniform values by Durbin's matrix (Marsaglia–Tsang–Wang 2003). */
export function durbinCdf(n: number, x: number): number {
  const nx = n * x;
  let k = Math.ceil(nx);
  if (k < 1) k = 1;
  const h = Math.max(0, k - nx);
  const size = 2 * k - 1;
  // H^n by repeated squaring.
  let base: Scaled = { entries: durbinMatrix(k, h), exp2: 0 };
  let result: Scaled | undefined;
  for (let e = n; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) result = result === undefined ? base : multiply(result, base, size);
    if (e > 1) base = multiply(base, base, size);
  }
  let value = result!.entries[(k - 1) * size + (k - 1)]!;
  let exp2 = result!.exp2;
  // Times n!/n^n = Π (i/n), rescaled on the way so it never underflows.
  for (let i = 1; i <= n; i++) {
    value *= i / n;
    if (value !== 0 && Math.abs(value) < SMALL) {
      value *= BIG;
      exp2 -= SCALE_BITS;
    }
  }
  return timesPowerOfTwo(value, exp2);
}

/** value · 2^exp2 without overflowing midway. */
export function timesPowerOfTwo(value: number, exp2: number): number {
  let v = value;
  let e = exp2;
  while (e > 1000) {
    v *= 2 ** 1000;
    e -= 1000;
  }
  while (e < -1000) {
    v *= 2 ** -1000;
    e += 1000;
  }
  return v * 2 ** e;
}

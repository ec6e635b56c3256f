/** Decimal numbers straight from ASCII bytes, correctly rounded (Clinger's fast path, else Number()). */

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** Set by parseNumber: whether the last number was written as an integer (no fraction, no exponent). */
export const numberShape = { integer: true };

/** Parse b[s, e) as a decimal number; undefined when it is not one (hex, spaces, words...). */
export function parseNumber(b: Uint8Array, s: number, e: number): number | undefined {
  let p = s;
  let negative = false;
  const sign = b[p];
  if (sign === 45) {
    negative = true;
    p++;
  } else if (sign === 43) {
    p++;
  }
  let mantissa = 0;
  let significant = 0;
  let exponent = 0;
  let digits = false;
  let integer = true;
  while (p < e) {
    const d = b[p]! - 48;
    if (d < 0 || d > 9) break;
    if (mantissa !== 0 || d !== 0) significant++;
    mantissa = mantissa * 10 + d;
    digits = true;
    p++;
  }
  if (p < e && b[p] === 46) {
    integer = false;
    p++;
    while (p < e) {
      const d = b[p]! - 48;
      if (d < 0 || d > 9) break;
      if (mantissa !== 0 || d !== 0) significant++;
      mantissa = mantissa * 10 + d;
      exponent--;
      digits = true;
      p++;
    }
  }
  if (!digits) return undefined;
  if (p < e && (b[p] === 101 || b[p] === 69)) {
    integer = false;
    p++;
    let expNegative = false;
    if (b[p] === 45) {
      expNegative = true;
      p++;
    } else if (b[p] === 43) {
      p++;
    }
    let exp = 0;
    let expDigits = false;
    while (p < e) {
      const d = b[p]! - 48;
      if (d < 0 || d > 9) break;
      exp = exp * 10 + d;
      expDigits = true;
      p++;
    }
    if (!expDigits) return undefined;
    exponent += expNegative ? -exp : exp;
  }
  if (p !== e) return undefined;
  numberShape.integer = integer;
  let value: number;
  if (significant > 15 || exponent < -22 || exponent > 22) {
    value = Number(ascii(b, s, e));
    return value;
  }
  if (exponent === 0) value = mantissa;
  else if (exponent < 0) value = mantissa / POW10[-exponent]!;
  else value = mantissa * POW10[exponent]!;
  return negative ? -value : value;
}

function ascii(b: Uint8Array, s: number, e: number): string {
  let out = "";
  for (let i = s; i < e; i++) out += String.fromCharCode(b[i]!);
  return out;
}

/**
 * A quoted CSV field, read the same way by both scanners (scan.ts, typed-scan.ts). Kept out of
 * their loops: quoted fields are rare, and a small loop tiers up sooner.
 */
import { DataError } from "../data-error.ts";

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** The field just read: its content (`buf[start, end)`, quotes unescaped), the line it began on, where scanning goes on, and the line there. */
export const quoted = {
  buf: new Uint8Array(0) as Uint8Array,
  start: 0,
  end: 0,
  fieldLine: 0,
  next: 0,
  line: 0,
};

/** Read the quoted field whose opening quote is at `p` into `quoted`; a field never closed, or text after the closing quote, is a DataError. */
export function readQuoted(
  b: Uint8Array,
  p: number,
  line: number,
  delim: number,
  file: string,
): void {
  const n = b.length;
  const fieldLine = line;
  const start = p + 1;
  let q = start;
  let escaped = false;
  for (;;) {
    if (q >= n) {
      throw new DataError({
        file,
        line: fieldLine,
        message:
          'a quoted field is never closed; close the quote, or write a quote inside a field as ""',
      });
    }
    const ch = b[q];
    if (ch === QUOTE) {
      if (q + 1 < n && b[q + 1] === QUOTE) {
        escaped = true;
        q += 2;
        continue;
      }
      break;
    }
    if (ch === LF || (ch === CR && b[q + 1] !== LF)) line++;
    q++;
  }
  const next = q + 1;
  if (next < n) {
    const after = b[next];
    if (after !== delim && after !== LF && after !== CR) {
      throw new DataError({
        file,
        line,
        message:
          'text follows a closing quote; quote the whole field and write quotes inside it as ""',
      });
    }
  }
  if (escaped) {
    const copy = unescapeQuotes(b, start, q);
    quoted.buf = copy;
    quoted.start = 0;
    quoted.end = copy.length;
  } else {
    quoted.buf = b;
    quoted.start = start;
    quoted.end = q;
  }
  quoted.fieldLine = fieldLine;
  quoted.next = next;
  quoted.line = line;
}

function unescapeQuotes(b: Uint8Array, start: number, end: number): Uint8Array {
  const out = new Uint8Array(end - start);
  let j = 0;
  for (let i = start; i < end; i++) {
    out[j++] = b[i]!;
    if (b[i] === QUOTE) i++;
  }
  return out.subarray(0, j);
}

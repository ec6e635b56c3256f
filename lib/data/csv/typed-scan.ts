/**
 * The main CSV pass: the tokenizer of scan.ts with plain decimal numbers parsed while their bytes
 * are scanned (one read of each byte), everything else handed to the column builders.
 */
import { DataError } from "../data-error.ts";
import type { ColumnBuilder } from "./column-builder.ts";

const QUOTE = 34;
const LF = 10;
const CR = 13;
const MINUS = 45;
const DOT = 46;
const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);

/** Called at the end of each record with its field count and first line. */
export type RecordEnd = (count: number, line: number) => void;

/**
 * Scan every record from `offset` into rows 0, 1, 2, ... of the builders; `onRecord` ends each
 * one (and may throw to stop). Returns the line after the last byte.
 */
export function scanTyped(params: {
  bytes: Uint8Array;
  offset: number;
  line: number;
  delimiter: number;
  file: string;
  builders: ColumnBuilder[];
  onRecord: RecordEnd;
}): number {
  const { bytes: b, delimiter: delim, file, builders, onRecord } = params;
  const width = builders.length;
  const n = b.length;
  let p = params.offset;
  let line = params.line;
  let nextRow = 0;
  while (p < n) {
    const first = b[p];
    if (first === LF || first === CR) {
      p++;
      if (first === CR && p < n && b[p] === LF) p++;
      line++;
      continue;
    }
    const recordLine = line;
    const row = nextRow++;
    let index = 0;
    for (;;) {
      const builder = index < width ? builders[index] : undefined;
      if (p < n && b[p] === QUOTE) {
        readQuoted(b, p, line, delim, file, builder, row);
        p = quoted.end;
        line = quoted.line;
      } else if (builder?.takesNumbers) {
        // Inline decimal: [-]digits[.digits] with at most 15 digits is exact (Clinger's fast path);
        // anything else is scanned to its end and parsed by the builder.
        const start = p;
        let negative = false;
        if (p < n && b[p] === MINUS) {
          negative = true;
          p++;
        }
        let mantissa = 0;
        let digits = 0;
        let fraction = 0;
        let c = 0;
        while (p < n) {
          c = b[p]! - 48;
          if (c < 0 || c > 9) break;
          mantissa = mantissa * 10 + c;
          digits++;
          p++;
        }
        if (p < n && b[p] === DOT) {
          p++;
          while (p < n) {
            c = b[p]! - 48;
            if (c < 0 || c > 9) break;
            mantissa = mantissa * 10 + c;
            digits++;
            fraction++;
            p++;
          }
        }
        const end = p >= n ? -1 : b[p];
        if (
          digits > 0 &&
          digits <= 15 &&
          (end === -1 || end === delim || end === LF || end === CR)
        ) {
          const value = fraction === 0 ? mantissa : mantissa / POW10[fraction]!;
          builder.pushNumber(row, negative ? -value : value, fraction === 0 && b[p - 1] !== DOT);
        } else {
          while (p < n) {
            const x = b[p];
            if (x === delim || x === LF || x === CR) break;
            p++;
          }
          builder.push(row, b, start, p, line);
        }
      } else {
        const start = p;
        while (p < n) {
          const x = b[p];
          if (x === delim || x === LF || x === CR) break;
          p++;
        }
        builder?.push(row, b, start, p, line);
      }
      index++;
      if (p >= n) break;
      const c = b[p];
      p++;
      if (c === delim) continue;
      if (c === CR && p < n && b[p] === LF) p++;
      line++;
      break;
    }
    onRecord(index, recordLine);
  }
  return line;
}

// Where readQuoted stopped: kept out of the hot loop so that loop stays small and tiers up fast.
const quoted = { end: 0, line: 0 };

function readQuoted(
  b: Uint8Array,
  p: number,
  line: number,
  delim: number,
  file: string,
  builder: ColumnBuilder | undefined,
  row: number,
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
  if (builder) {
    if (escaped) {
      const copy = unescapeQuotes(b, start, q);
      builder.push(row, copy, 0, copy.length, fieldLine);
    } else {
      builder.push(row, b, start, q, fieldLine);
    }
  }
  p = q + 1;
  if (p < n) {
    const after = b[p];
    if (after !== delim && after !== LF && after !== CR) {
      throw new DataError({
        file,
        line,
        message:
          'text follows a closing quote; quote the whole field and write quotes inside it as ""',
      });
    }
  }
  quoted.end = p;
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

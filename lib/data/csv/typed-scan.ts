/**
 * The main CSV pass: the tokenizer of scan.ts with plain decimal numbers parsed while their bytes
 * are scanned (one read of each byte), everything else handed to the column builders.
 */
import type { ColumnBuilder } from "./column-builder.ts";
import { quoted, readQuoted } from "./quoted.ts";

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
        readQuoted(b, p, line, delim, file);
        builder?.push(row, quoted.buf, quoted.start, quoted.end, quoted.fieldLine);
        p = quoted.next;
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

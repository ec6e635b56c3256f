/** A byte-level CSV tokenizer: RFC 4180 quoting, LF / CRLF / lone CR line ends, blank lines skipped; it makes no strings. */
import { quoted, readQuoted } from "./quoted.ts";

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Receives the fields of each record as byte ranges. */
export interface CsvSink {
  /** Field `index` of the record being read: bytes [start, end) of `buf` (a copy when the field had doubled quotes). `line` is where the field starts. */
  field(index: number, buf: Uint8Array, start: number, end: number, line: number): void;
  /** The record that started on `line` ended after `count` fields. Return false to stop. */
  record(count: number, line: number): boolean;
}

/** Where scanning stopped: the byte offset and the file line there. */
export interface ScanPosition {
  offset: number;
  line: number;
}

/** Scan records from `offset` (on file line `line`) until the end or until the sink says stop. */
export function scanCsv(params: {
  bytes: Uint8Array;
  offset: number;
  line: number;
  delimiter: number;
  file: string;
  sink: CsvSink;
}): ScanPosition {
  const { bytes: b, delimiter: delim, sink, file } = params;
  const n = b.length;
  let p = params.offset;
  let line = params.line;
  while (p < n) {
    const first = b[p];
    if (first === LF) {
      p++;
      line++;
      continue;
    }
    if (first === CR) {
      p++;
      if (p < n && b[p] === LF) p++;
      line++;
      continue;
    }
    const recordLine = line;
    let index = 0;
    for (;;) {
      if (p < n && b[p] === QUOTE) {
        readQuoted(b, p, line, delim, file);
        sink.field(index, quoted.buf, quoted.start, quoted.end, quoted.fieldLine);
        p = quoted.next;
        line = quoted.line;
      } else {
        const start = p;
        while (p < n) {
          const c = b[p];
          if (c === delim || c === LF || c === CR) break;
          p++;
        }
        sink.field(index, b, start, p, line);
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
    if (!sink.record(index, recordLine)) return { offset: p, line };
  }
  return { offset: p, line };
}

/** The record loop shared by the whole-file loader and the chunk parser: typed scan, ragged-row check, late-string backfill. */
import { DataError } from "../data-error.ts";
import type { ColumnType } from "../table.ts";
import { ColumnBuilder, Utf8Error } from "./column-builder.ts";
import { scanCsv } from "./scan.ts";
import { scanTyped } from "./typed-scan.ts";

/** Builders filled with `rows` records, each record's first line, and the line after the last byte. */
export interface ParsedRecords {
  rows: number;
  builders: ColumnBuilder[];
  lines: Uint32Array;
  endLine: number;
}

/** Parse every record of `bytes` from `offset` (file line `line`) into typed columns named `names`. */
export function parseRecords(params: {
  bytes: Uint8Array;
  offset: number;
  line: number;
  delimiter: number;
  file: string;
  names: string[];
  types: Record<string, ColumnType> | undefined;
  capacity: number;
}): ParsedRecords {
  const { bytes, file, delimiter, names, capacity } = params;
  const builders = names.map(
    (name) => new ColumnBuilder(name, capacity, params.types?.[name] === "string"),
  );
  let lines = new Uint32Array(capacity);
  let rows = 0;
  const width = names.length;
  const onRecord = (count: number, line: number) => {
    if (count !== width) throw raggedError({ file, line, count, width, delimiter });
    lines[rows++] = line;
    if (rows >= lines.length) {
      const bigger = new Uint32Array(Math.ceil(lines.length * 1.25) + 1024);
      bigger.set(lines);
      lines = bigger;
      for (const b of builders) b.grow(bigger.length);
    }
  };
  let endLine: number;
  try {
    endLine = scanTyped({
      bytes,
      offset: params.offset,
      line: params.line,
      delimiter,
      file,
      builders,
      onRecord,
    });
    backfill({ bytes, file, delimiter, builders, offset: params.offset, line: params.line });
  } catch (error) {
    if (error instanceof Utf8Error) throw utf8Error(file, error.line);
    throw error;
  }
  return { rows, builders, lines: lines.subarray(0, rows), endLine };
}

/** Re-read the early rows of columns that became strings after some numeric or boolean values. */
function backfill(params: {
  bytes: Uint8Array;
  file: string;
  delimiter: number;
  builders: ColumnBuilder[];
  offset: number;
  line: number;
}): void {
  const late = params.builders.map((b, i) => ({ b, i })).filter(({ b }) => b.backfillUntil > 0);
  if (late.length === 0) return;
  const until = Math.max(...late.map(({ b }) => b.backfillUntil));
  const byIndex = new Map(late.map(({ b, i }) => [i, b]));
  let row = 0;
  scanCsv({
    ...params,
    sink: {
      field(index, buf, start, end, line) {
        const builder = byIndex.get(index);
        if (builder && row < builder.backfillUntil) builder.setString(row, buf, start, end, line);
      },
      record() {
        row++;
        return row < until;
      },
    },
  });
}

// Rows are estimated from the first 64 KB instead of counted: a full counting pass costs as
// much as a tenth of the parse. The arrays grow if the estimate falls short.
/** An estimate of the records in `bytes` (a little over, from the first 64 KB). */
export function estimateRows(bytes: Uint8Array): number {
  const sample = Math.min(bytes.length, 1 << 16);
  let lines = 0;
  for (let i = 0; i < sample; i++) if (bytes[i] === 10 || bytes[i] === 13) lines++;
  if (sample === bytes.length) return lines + 1;
  return Math.ceil((bytes.length / sample) * Math.max(lines, 1) * 1.05);
}

function raggedError(p: {
  file: string;
  line: number;
  count: number;
  width: number;
  delimiter: number;
}): DataError {
  const what = p.delimiter === 9 ? "tabs" : p.delimiter === 44 ? "commas" : "the delimiter";
  return new DataError({
    file: p.file,
    message: `line ${p.line} has ${p.count} field${p.count === 1 ? "" : "s"}, the header has ${p.width}; quote fields that contain ${what}`,
  });
}

/** The one-line error for bytes that are not UTF-8 on `line`. */
export function utf8Error(file: string, line: number): DataError {
  return new DataError({
    file,
    line,
    message: "the bytes are not valid UTF-8; save the file as UTF-8",
  });
}

/** CSV/TSV bytes → typed columns in one pass over the bytes (a second, partial pass only for columns that turn out to be strings late). */
import { ColumnBuilder, Utf8Error } from "./csv/column-builder.ts";
import { scanCsv } from "./csv/scan.ts";
import { decodeUtf8 } from "./csv/strings.ts";
import { scanTyped } from "./csv/typed-scan.ts";
import { DataError } from "./data-error.ts";
import type { ColumnType, DataTable } from "./table.ts";

/** Options shared by the loaders. */
export interface LoadOptions {
  /** Declared column types: a `string` column is kept as text even when its values look numeric. */
  types?: Record<string, ColumnType>;
  /** Refuse inputs whose table would need more than this many bytes. */
  maxBytes?: number;
}

/** Parse CSV bytes (UTF-8, optional BOM) into a table; throws DataError for anything unreadable. */
export function loadCsv(
  params: { bytes: Uint8Array; file: string; delimiter?: string } & LoadOptions,
): DataTable {
  const { bytes, file } = params;
  const delimiter = (params.delimiter ?? ",").charCodeAt(0);
  let offset = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  // Blank lines before the header are skipped but still counted, so later line numbers stay true.
  let headerLine = 1;
  while (offset < bytes.length && (bytes[offset] === 10 || bytes[offset] === 13)) {
    if (bytes[offset] === 10 || bytes[offset + 1] !== 10) headerLine++;
    offset++;
  }
  if (offset >= bytes.length) {
    throw new DataError({ file, message: "the file is empty; write a header line and data rows" });
  }
  const header = readHeader({ bytes, offset, line: headerLine, delimiter, file });
  const names = header.names;
  const capacity = estimateRows(bytes) + 2;
  checkBudget({
    file,
    bytes: bytes.length,
    rows: capacity,
    columns: names.length,
    ...(params.maxBytes !== undefined ? { maxBytes: params.maxBytes } : {}),
  });

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
  try {
    scanTyped({
      bytes,
      offset: header.offset,
      line: header.line,
      delimiter,
      file,
      builders,
      row: () => rows,
      onRecord,
    });
    backfill({ bytes, file, delimiter, builders, offset: header.offset, line: header.line });
  } catch (error) {
    if (error instanceof Utf8Error) throw utf8Error(file, error.line);
    throw error;
  }
  return {
    file,
    rows,
    columns: builders.map((b) => b.finish(rows)),
    lines: lines.subarray(0, rows),
  };
}

function readHeader(params: {
  bytes: Uint8Array;
  offset: number;
  line: number;
  delimiter: number;
  file: string;
}) {
  const { bytes, offset, line: headerLine, delimiter, file } = params;
  const names: string[] = [];
  const position = scanCsv({
    bytes,
    offset,
    line: headerLine,
    delimiter,
    file,
    sink: {
      field(index, buf, start, end, line) {
        const name = decodeUtf8(buf, start, end);
        if (name === undefined) throw utf8Error(file, line);
        names.push(name.trim() === "" ? `Unnamed: ${index}` : name);
      },
      record: () => false,
    },
  });
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) {
      throw new DataError({
        file,
        line: headerLine,
        message: `column "${name}" appears twice in the header; rename one of them`,
      });
    }
    seen.add(name);
  }
  return { names, offset: position.offset, line: position.line };
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
function estimateRows(bytes: Uint8Array): number {
  const sample = Math.min(bytes.length, 1 << 16);
  let lines = 0;
  for (let i = 0; i < sample; i++) if (bytes[i] === 10 || bytes[i] === 13) lines++;
  if (sample === bytes.length) return lines + 1;
  return Math.ceil((bytes.length / sample) * Math.max(lines, 1) * 1.05);
}

/** Refuse a table that would not fit the memory budget, before allocating it. */
export function checkBudget(params: {
  file: string;
  bytes: number;
  rows: number;
  columns: number;
  maxBytes?: number;
}): void {
  if (params.maxBytes === undefined) return;
  const need = params.bytes + params.rows * params.columns * 8;
  if (need > params.maxBytes) {
    const mb = (n: number) =>
      n < 1024
        ? `${Math.ceil(n)} bytes`
        : n < 2 ** 20
          ? `${Math.ceil(n / 1024)} KB`
          : `${(n / 2 ** 20).toFixed(1)} MB`;
    throw new DataError({
      file: params.file,
      message: `needs about ${mb(need)}, over the memory budget of ${mb(params.maxBytes)}; raise --max-memory or check a sample of the file`,
    });
  }
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

function utf8Error(file: string, line: number): DataError {
  return new DataError({
    file,
    line,
    message: "the bytes are not valid UTF-8; save the file as UTF-8",
  });
}

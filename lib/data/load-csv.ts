/** CSV/TSV bytes → typed columns in one pass over the bytes (a second, partial pass only for columns that turn out to be strings late). */
import { estimateRows, parseRecords, utf8Error } from "./csv/records.ts";
import { scanCsv } from "./csv/scan.ts";
import { decodeUtf8 } from "./csv/strings.ts";
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
  const header = readCsvHeader({ bytes, file, delimiter });
  const capacity = estimateRows(bytes) + 2;
  checkBudget({
    file,
    bytes: bytes.length,
    rows: capacity,
    columns: header.names.length,
    ...(params.maxBytes !== undefined ? { maxBytes: params.maxBytes } : {}),
  });
  const parsed = parseRecords({
    bytes,
    offset: header.offset,
    line: header.line,
    delimiter,
    file,
    names: header.names,
    types: params.types,
    capacity,
  });
  return {
    file,
    rows: parsed.rows,
    columns: parsed.builders.map((b) => b.finish(parsed.rows)),
    lines: parsed.lines,
  };
}

/** The header's column names and where the first record starts (byte offset, file line). */
export interface CsvHeader {
  names: string[];
  offset: number;
  line: number;
}

/** Read the header after an optional BOM and blank lines; throws DataError for an empty file or a repeated name. */
export function readCsvHeader(params: {
  bytes: Uint8Array;
  file: string;
  delimiter: number;
}): CsvHeader {
  const { bytes, file, delimiter } = params;
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

/**
 * Prediction files as the fairness gates read them: the data engine's CSV loader (quoting, CRLF,
 * BOM, gzip-free text, true line numbers), every column kept as text.
 */
import { DataError } from "../data/data-error.ts";
import { loadCsv, readCsvHeader } from "../data/load-csv.ts";
import type { ColumnType } from "../data/table.ts";
import type { CsvTable, Parsed } from "./types.ts";

/** Parse CSV text with a header row; an unreadable file is one error naming its line and the fix. */
export function parseCsv(params: { source: string; text: string }): Parsed<CsvTable> {
  const { source } = params;
  const bytes = new TextEncoder().encode(params.text);
  try {
    const { names } = readCsvHeader({ bytes, file: source, delimiter: 44 });
    const types: Record<string, ColumnType> = {};
    for (const name of names) types[name] = "string";
    const table = loadCsv({ bytes, file: source, types });
    const columns = table.columns.map((c) => c.values as readonly (string | null)[]);
    const rows: string[][] = [];
    for (let r = 0; r < table.rows; r++) rows.push(columns.map((values) => values[r] ?? ""));
    return {
      ok: true,
      value: {
        source,
        header: table.columns.map((c) => c.name.trim()),
        rows,
        lines: Array.from(table.lines),
      },
    };
  } catch (error) {
    if (error instanceof DataError) return { ok: false, errors: [error.message] };
    throw error;
  }
}

/** Arrow IPC (through arquero's fromArrow) and Parquet (through hyparquet) → a table; rows are numbered from 1. */
import { fromArrow } from "arquero";
import { parquetReadObjects } from "hyparquet";
import { DataError } from "./data-error.ts";
import { columnFromValues, tableFromRecords } from "./from-records.ts";
import { checkBudget, type LoadOptions } from "./load-csv.ts";
import type { DataTable } from "./table.ts";

function rowNumbers(rows: number): Uint32Array {
  const out = new Uint32Array(rows);
  for (let i = 0; i < rows; i++) out[i] = i + 1;
  return out;
}

/** Parse Arrow IPC bytes (file or stream format). */
export function loadArrow(params: { bytes: Uint8Array; file: string } & LoadOptions): DataTable {
  const { file } = params;
  let table: ReturnType<typeof fromArrow>;
  try {
    table = fromArrow(params.bytes);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DataError({
      file,
      message: `is not a readable Arrow IPC file (${reason}); write it with an Arrow library`,
    });
  }
  const rows = table.numRows();
  const names = table.columnNames();
  checkBudget({
    file,
    bytes: params.bytes.length,
    rows,
    columns: names.length,
    ...(params.maxBytes !== undefined ? { maxBytes: params.maxBytes } : {}),
  });
  const columns = names.map((name) => {
    const values = table.array(name) as ArrayLike<unknown>;
    if (values instanceof Float64Array || values instanceof Float32Array) {
      return { name, type: "number" as const, values: Float64Array.from(values) };
    }
    return columnFromValues(name, values, params.types?.[name]);
  });
  return { file, rows, columns, lines: rowNumbers(rows) };
}

/** Parse Parquet bytes. */
export async function loadParquet(
  params: { bytes: Uint8Array; file: string } & LoadOptions,
): Promise<DataTable> {
  const { file, bytes } = params;
  const buffer = bytes.buffer.slice(
    bytes.byteOffset,
    bytes.byteOffset + bytes.byteLength,
  ) as ArrayBuffer;
  let records: Record<string, unknown>[];
  try {
    records = (await parquetReadObjects({ file: buffer })) as Record<string, unknown>[];
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DataError({
      file,
      message: `is not a readable Parquet file (${reason}); write it with a Parquet library`,
    });
  }
  return tableFromRecords({ ...params, records, lines: rowNumbers(records.length) });
}

/** Records (JSON, NDJSON, Parquet rows) → typed columns, each type decided over the whole column. */
import { checkBudget } from "./load-csv.ts";
import type { Column, ColumnType, DataTable } from "./table.ts";

/** Build a table from records; `lines[i]` is record i's file line (or row number). */
export function tableFromRecords(params: {
  file: string;
  records: Record<string, unknown>[];
  lines: Uint32Array;
  types?: Record<string, ColumnType>;
  maxBytes?: number;
}): DataTable {
  const { file, records } = params;
  const names: string[] = [];
  const seen = new Set<string>();
  for (const record of records) {
    for (const key of Object.keys(record)) {
      if (!seen.has(key)) {
        seen.add(key);
        names.push(key);
      }
    }
  }
  checkBudget({
    file,
    bytes: 0,
    rows: records.length,
    columns: names.length,
    ...(params.maxBytes !== undefined ? { maxBytes: params.maxBytes } : {}),
  });
  const columns = names.map((name) =>
    columnFromValues(
      name,
      records.map((r) => r[name]),
      params.types?.[name],
    ),
  );
  return { file, rows: records.length, columns, lines: params.lines };
}

/** One column from plain values: numbers (bigint included), booleans, else text. */
export function columnFromValues(
  name: string,
  raw: ArrayLike<unknown>,
  declared?: ColumnType,
): Column {
  let numbers = declared !== "string";
  let booleans = declared !== "string";
  let integer = true;
  let present = 0;
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i];
    if (v === null || v === undefined) continue;
    present++;
    const isNumber = typeof v === "number" || typeof v === "bigint";
    if (!isNumber) numbers = false;
    else if (typeof v === "number" && (!Number.isInteger(v) || !Number.isFinite(v)))
      integer = false;
    if (typeof v !== "boolean") booleans = false;
  }
  if (numbers && (present > 0 || !booleans)) {
    const values = new Float64Array(raw.length);
    for (let i = 0; i < raw.length; i++) {
      const v = raw[i];
      values[i] = v === null || v === undefined ? Number.NaN : Number(v);
    }
    return { name, type: integer && present > 0 ? "integer" : "number", values };
  }
  if (booleans && present > 0) {
    return {
      name,
      type: "boolean",
      values: Array.from(raw, (v) => (typeof v === "boolean" ? v : null)),
    };
  }
  return { name, type: "string", values: Array.from(raw, toText) };
}

function toText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return v;
  if (typeof v === "object" && !(v instanceof Date)) {
    return JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x));
  }
  return v instanceof Date ? v.toISOString() : String(v);
}

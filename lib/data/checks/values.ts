/** Views of a column the checks share: non-null counts and numbers (parsed from text when a numeric column turned out to hold text). */
import type { Column } from "../table.ts";

/** How many values are present. */
export function nonNullCount(column: Column): number {
  let count = 0;
  if (column.type === "integer" || column.type === "number") {
    const v = column.values;
    for (let i = 0; i < v.length; i++) if (!Number.isNaN(v[i])) count++;
  } else {
    for (const v of column.values) if (v !== null) count++;
  }
  return count;
}

/** A number parsed from text the way the CSV loader would; NaN when the text is not a number. */
export function textToNumber(text: string): number {
  const trimmed = text.trim();
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** The column as numbers with NaN for missing or non-numeric values; null for booleans. */
export function numericView(column: Column): Float64Array | null {
  if (column.type === "integer" || column.type === "number") return column.values;
  if (column.type === "boolean") return null;
  const out = new Float64Array(column.values.length);
  (column.values as (string | null)[]).forEach((v, i) => {
    out[i] = v === null ? Number.NaN : textToNumber(v);
  });
  return out;
}

/** Format a value for messages: strings quoted, numbers as JS prints them. */
export function show(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

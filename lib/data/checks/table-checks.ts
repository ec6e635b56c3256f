/** Checks on the whole table: row count, unexpected columns, and the label's positive rate. */
import type { DataPolicy } from "../policy.ts";
import type { DataTable } from "../table.ts";
import { type CheckResult, percent } from "./result.ts";

/** `rows: {min, max}`. */
export function checkRows(table: DataTable, rows: NonNullable<DataPolicy["rows"]>): CheckResult {
  const n = table.rows;
  const parts: string[] = [];
  if (rows.min !== undefined) parts.push(`>= ${rows.min}`);
  if (rows.max !== undefined) parts.push(`<= ${rows.max}`);
  const tooFew = rows.min !== undefined && n < rows.min;
  const tooMany = rows.max !== undefined && n > rows.max;
  const message = tooFew
    ? `the data has ${n} rows, fewer than the ${rows.min} required`
    : tooMany
      ? `the data has ${n} rows, more than the ${rows.max} allowed`
      : `the data has ${n} rows`;
  return {
    id: "rows",
    kind: "rows",
    column: null,
    passed: !tooFew && !tooMany,
    observed: n,
    expected: parts.join(" and "),
    message,
    rows: [],
  };
}

/** `strict: true`: every column must be declared. */
export function checkStrict(table: DataTable, policy: DataPolicy): CheckResult {
  const declared = new Set(Object.keys(policy.columns ?? {}));
  const extra = table.columns.map((c) => c.name).filter((name) => !declared.has(name));
  return {
    id: "strict",
    kind: "strict",
    column: null,
    passed: extra.length === 0,
    observed: extra,
    expected: "only declared columns",
    message:
      extra.length === 0
        ? "every column is declared"
        : `undeclared column${extra.length === 1 ? "" : "s"} ${extra.map((e) => `"${e}"`).join(", ")}; declare ${extra.length === 1 ? "it" : "them"} under columns or set strict: false`,
    rows: [],
  };
}

/** `label: {column, positive, rate}`: the share of non-null labels equal to `positive`. */
export function checkLabelRate(
  table: DataTable,
  label: NonNullable<DataPolicy["label"]>,
): CheckResult {
  const rate = label.rate ?? {};
  const parts: string[] = [];
  if (rate.min !== undefined) parts.push(`>= ${rate.min}`);
  if (rate.max !== undefined) parts.push(`<= ${rate.max}`);
  const base = {
    id: `${label.column}.label_rate`,
    kind: "label_rate" as const,
    column: label.column,
    expected: parts.join(" and "),
    rows: [],
  };
  const column = table.columns.find((c) => c.name === label.column);
  if (!column) {
    return {
      ...base,
      passed: false,
      observed: null,
      message: `the label column "${label.column}" is missing; add it or fix label.column`,
    };
  }
  const positive = label.positive ?? 1;
  let present = 0;
  let hits = 0;
  if (column.type === "integer" || column.type === "number") {
    const target = Number(positive);
    const values = column.values;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (Number.isNaN(v)) continue;
      present++;
      if (v === target) hits++;
    }
  } else {
    const target = String(positive);
    for (const v of column.values) {
      if (v === null) continue;
      present++;
      if (String(v) === target) hits++;
    }
  }
  const share = present === 0 ? Number.NaN : hits / present;
  const low = rate.min !== undefined && !(share >= rate.min);
  const high = rate.max !== undefined && !(share <= rate.max);
  const bounds = `${rate.min !== undefined ? percent(rate.min) : "0%"}–${rate.max !== undefined ? percent(rate.max) : "100%"}`;
  return {
    ...base,
    passed: !low && !high,
    observed: present === 0 ? null : share,
    message:
      present === 0
        ? `${label.column} has no values, so it has no positive rate`
        : `${label.column} = ${show(positive)} on ${percent(share)} of rows (expected ${bounds})`,
  };
}

function show(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/** The per-column checks: required, type, nullable, max_null_share, min, max, in, regex, unique. */
import type { ColumnRule, Scalar } from "../policy.ts";
import type { Column, ColumnType, DataTable } from "../table.ts";
import {
  type CheckKind,
  type CheckResult,
  mostlyNote,
  Offenders,
  passes,
  percent,
  plural,
} from "./result.ts";
import { checkUnique } from "./unique.ts";
import { nonNullCount, numericView, show, textToNumber } from "./values.ts";

/** Run every check `rule` asks for on `name`; a missing column yields only its `required` check. */
export function checkColumn(params: {
  table: DataTable;
  name: string;
  rule: ColumnRule;
}): CheckResult[] {
  const { table, name, rule } = params;
  const column = table.columns.find((c) => c.name === name);
  const make = (kind: CheckKind, rest: Omit<CheckResult, "id" | "kind" | "column">) => ({
    id: `${name}.${kind}`,
    kind,
    column: name,
    ...rest,
  });
  if (!column) {
    if (!rule.required) return [];
    return [
      make("required", {
        passed: false,
        observed: "missing",
        expected: "present",
        message: `column "${name}" is missing; add it to the file or drop required: true`,
        rows: [],
      }),
    ];
  }
  const out: CheckResult[] = [];
  const lines = table.lines;
  const nonNull = nonNullCount(column);
  const nulls = table.rows - nonNull;
  if (rule.required) {
    out.push(
      make("required", {
        passed: true,
        observed: "present",
        expected: "present",
        message: `column "${name}" is present`,
        rows: [],
      }),
    );
  }
  if (rule.type) out.push(make("type", typeCheck(column, rule.type, lines, nonNull, rule.mostly)));
  if (rule.nullable === false || rule.max_null_share !== undefined) {
    const offenders = new Offenders(lines);
    if (nulls > 0) for (let i = 0; i < table.rows; i++) if (isMissing(column, i)) offenders.add(i);
    if (rule.nullable === false) {
      out.push(
        make("nullable", {
          passed: nulls === 0,
          observed: nulls,
          expected: "no nulls",
          message: `${name} has ${plural(nulls, "null value")}`,
          rows: offenders.lines,
          failing: nulls,
        }),
      );
    }
    if (rule.max_null_share !== undefined) {
      const share = table.rows === 0 ? 0 : nulls / table.rows;
      out.push(
        make("max_null_share", {
          passed: share <= rule.max_null_share,
          observed: share,
          expected: `<= ${rule.max_null_share}`,
          message: `${name} is ${percent(share)} null (${plural(nulls, "row")}), at most ${percent(rule.max_null_share)} allowed`,
          rows: offenders.lines,
          failing: nulls,
        }),
      );
    }
  }
  for (const side of ["min", "max"] as const) {
    const bound = rule[side];
    if (bound === undefined) continue;
    const limit = typeof bound === "number" ? bound : bound.value;
    const mostly = typeof bound === "number" ? rule.mostly : (bound.mostly ?? rule.mostly);
    out.push(make(side, boundCheck({ column, side, limit, mostly, lines, nonNull })));
  }
  if (rule.in !== undefined) {
    const allowed = Array.isArray(rule.in) ? rule.in : rule.in.values;
    const mostly = Array.isArray(rule.in) ? rule.mostly : (rule.in.mostly ?? rule.mostly);
    out.push(make("in", inCheck({ column, allowed, mostly, lines, nonNull })));
  }
  if (rule.regex !== undefined) {
    const pattern = typeof rule.regex === "string" ? rule.regex : rule.regex.pattern;
    const mostly =
      typeof rule.regex === "string" ? rule.mostly : (rule.regex.mostly ?? rule.mostly);
    out.push(make("regex", regexCheck({ column, pattern, mostly, lines, nonNull })));
  }
  if (rule.unique)
    out.push(make("unique", checkUnique({ column, lines, nonNull, mostly: rule.mostly })));
  return out;
}

type Verdict = Omit<CheckResult, "id" | "kind" | "column">;

function isMissing(column: Column, row: number): boolean {
  const v = column.values[row];
  return v === null || (typeof v === "number" && Number.isNaN(v));
}

const ARTICLE: Record<ColumnType, string> = {
  integer: "an integer",
  number: "a number",
  boolean: "a boolean",
  string: "a string",
};

function fitsType(value: number | string | boolean, type: ColumnType): boolean {
  if (type === "string") return true;
  if (type === "boolean") {
    return typeof value === "boolean" || /^(true|false|True|False|TRUE|FALSE)$/.test(String(value));
  }
  const n =
    typeof value === "number" ? value : typeof value === "string" ? textToNumber(value) : NaN;
  if (Number.isNaN(n)) return false;
  return type === "number" || Number.isInteger(n);
}

function typeCheck(
  column: Column,
  type: ColumnType,
  lines: Uint32Array,
  nonNull: number,
  mostly: number | undefined,
): Verdict {
  const offenders = new Offenders(lines);
  const compatible =
    column.type === type || (type === "number" && column.type === "integer") || type === "string";
  if (!compatible) {
    const values = column.values;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v === null || Number.isNaN(v)) continue;
      if (!fitsType(v, type)) offenders.add(i);
    }
  }
  const failing = offenders.count;
  return {
    passed: passes(failing, nonNull, mostly),
    observed: column.type,
    expected: type,
    message: `${column.name} has ${plural(failing, "value")} that ${failing === 1 ? "is" : "are"} not ${ARTICLE[type]}${mostlyNote(failing, nonNull, mostly)}`,
    rows: offenders.lines,
    failing,
  };
}

function boundCheck(p: {
  column: Column;
  side: "min" | "max";
  limit: number;
  mostly: number | undefined;
  lines: Uint32Array;
  nonNull: number;
}): Verdict {
  const { column, side, limit, mostly } = p;
  const values = numericView(column);
  const expected = side === "min" ? `>= ${limit}` : `<= ${limit}`;
  if (!values) {
    return {
      passed: false,
      observed: column.type,
      expected,
      message: `${column.name} holds booleans, which have no ${side}; remove ${side} or fix the column`,
      rows: [],
      failing: 0,
    };
  }
  const offenders = new Offenders(p.lines);
  let extreme = Number.NaN;
  if (side === "min") {
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (!(v >= extreme)) extreme = Number.isNaN(v) ? extreme : v;
      if (v < limit) offenders.add(i);
    }
  } else {
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (!(v <= extreme)) extreme = Number.isNaN(v) ? extreme : v;
      if (v > limit) offenders.add(i);
    }
  }
  const failing = offenders.count;
  const word = side === "min" ? "below" : "above";
  const which = side === "min" ? "smallest" : "largest";
  const observed = Number.isNaN(extreme) ? null : extreme;
  return {
    passed: passes(failing, p.nonNull, mostly),
    observed,
    expected,
    message: `${column.name} has ${plural(failing, "value")} ${word} ${limit} (${which} ${observed})${mostlyNote(failing, p.nonNull, mostly)}`,
    rows: offenders.lines,
    failing,
  };
}

function inCheck(p: {
  column: Column;
  allowed: Scalar[];
  mostly: number | undefined;
  lines: Uint32Array;
  nonNull: number;
}): Verdict {
  const { column, allowed, mostly } = p;
  const offenders = new Offenders(p.lines);
  const unexpected = new Set<number | string | boolean>();
  const note = (row: number, value: number | string | boolean) => {
    offenders.add(row);
    if (unexpected.size < 10) unexpected.add(value);
  };
  if (column.type === "integer" || column.type === "number") {
    const numbers = allowed.map((a) => (typeof a === "string" ? textToNumber(a) : Number(a)));
    const set = new Set(numbers);
    const values = column.values;
    if (numbers.length === 2) {
      // Binary labels and flags: two comparisons beat a hash lookup per row.
      const [a, b] = numbers as [number, number];
      for (let i = 0; i < values.length; i++) {
        const v = values[i]!;
        if (v !== a && v !== b && !Number.isNaN(v)) note(i, v);
      }
    } else {
      for (let i = 0; i < values.length; i++) {
        const v = values[i]!;
        if (!Number.isNaN(v) && !set.has(v)) note(i, v);
      }
    }
  } else {
    const set = new Set(allowed.map((a) => String(a)));
    const values = column.values;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v !== null && v !== undefined && !set.has(String(v))) note(i, v);
    }
  }
  const failing = offenders.count;
  const list = `[${allowed.map(show).join(", ")}]`;
  const seen = [...unexpected].map(show).join(", ");
  return {
    passed: passes(failing, p.nonNull, mostly),
    observed: [...unexpected],
    expected: `in ${list}`,
    message: `${column.name} has ${plural(failing, "value")} outside ${list}${failing ? ` (${seen})` : ""}${mostlyNote(failing, p.nonNull, mostly)}`,
    rows: offenders.lines,
    failing,
  };
}

function regexCheck(p: {
  column: Column;
  pattern: string;
  mostly: number | undefined;
  lines: Uint32Array;
  nonNull: number;
}): Verdict {
  const { column, pattern, mostly } = p;
  const re = new RegExp(pattern);
  const offenders = new Offenders(p.lines);
  const values = column.values;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === null || Number.isNaN(v)) continue;
    if (!re.test(String(v))) offenders.add(i);
  }
  const failing = offenders.count;
  return {
    passed: passes(failing, p.nonNull, mostly),
    observed: failing,
    expected: `matches /${pattern}/`,
    message: `${column.name} has ${plural(failing, "value")} not matching /${pattern}/${mostlyNote(failing, p.nonNull, mostly)}`,
    rows: offenders.lines,
    failing,
  };
}

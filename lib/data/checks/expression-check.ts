/** The `expression` check: a row rule evaluated by arquero over the referenced columns; rows with a null input are not counted. */
import { table as aqTable } from "arquero";
import { parseSafeExpression } from "../expression.ts";
import type { ExpressionRule } from "../policy.ts";
import type { DataTable } from "../table.ts";
import { type CheckResult, mostlyNote, Offenders, passes, percent, plural } from "./result.ts";

/** Evaluate one expression rule; a refused expression or a missing column fails the check (the policy loader refuses them earlier). */
export function checkExpression(table: DataTable, rule: ExpressionRule): CheckResult {
  const base = {
    id: `expression.${rule.name}`,
    kind: "expression" as const,
    column: null,
    expected:
      rule.mostly === undefined
        ? "true on every row"
        : `true on >= ${percent(rule.mostly)} of rows`,
  };
  const parsed = parseSafeExpression(rule.expr);
  if ("message" in parsed) {
    return {
      ...base,
      passed: false,
      observed: null,
      message: `${rule.name}: ${parsed.message}`,
      rows: [],
    };
  }
  const inputs: Record<string, ArrayLike<unknown>> = {};
  for (const name of parsed.columns) {
    const column = table.columns.find((c) => c.name === name);
    if (!column) {
      return {
        ...base,
        passed: false,
        observed: null,
        message: `${rule.name} reads column "${name}", which the data does not have; fix the expression or the data`,
        rows: [],
      };
    }
    inputs[name] = column.values;
  }
  // arquero needs at least one column to know the row count of a column-free expression.
  if (parsed.columns.length === 0) inputs.__rows = new Uint8Array(table.rows);
  const results = aqTable(inputs as Record<string, unknown[]>)
    .derive({ __check: rule.expr })
    .array("__check") as ArrayLike<unknown>;
  const offenders = new Offenders(table.lines);
  const columns = parsed.columns.map((n) => inputs[n]!);
  let evaluated = 0;
  for (let row = 0; row < table.rows; row++) {
    let missing = false;
    for (const values of columns) {
      const v = values[row];
      if (v === null || v === undefined || Number.isNaN(v)) {
        missing = true;
        break;
      }
    }
    if (missing) continue;
    evaluated++;
    if (!results[row]) offenders.add(row);
  }
  const failing = offenders.count;
  return {
    ...base,
    passed: passes(failing, evaluated, rule.mostly),
    observed: evaluated === 0 ? null : (evaluated - failing) / evaluated,
    message: `${rule.name} is false on ${plural(failing, "row")} of ${evaluated}${mostlyNote(failing, evaluated, rule.mostly)}`,
    rows: offenders.lines,
    failing,
  };
}

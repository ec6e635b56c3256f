/** The `unique` check: a sort finds whether anything repeats; only then a second pass names the rows. */
import type { Column } from "../table.ts";
import { type CheckResult, mostlyNote, Offenders, passes, plural } from "./result.ts";

/** Rows whose value already appeared on an earlier row fail. */
export function checkUnique(p: {
  column: Column;
  lines: Uint32Array;
  nonNull: number;
  mostly: number | undefined;
}): Omit<CheckResult, "id" | "kind" | "column"> {
  const { column, mostly } = p;
  const offenders = new Offenders(p.lines);
  if (hasRepeats(column)) {
    const seen = new Set<unknown>();
    const values = column.values;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === null || Number.isNaN(v)) continue;
      if (seen.has(v)) offenders.add(i);
      else seen.add(v);
    }
  }
  const failing = offenders.count;
  return {
    passed: passes(failing, p.nonNull, mostly),
    observed: failing,
    expected: "no repeated values",
    message: `${column.name} has ${plural(failing, "repeated value")}${mostlyNote(failing, p.nonNull, mostly)}`,
    rows: offenders.lines,
    failing,
  };
}

function hasRepeats(column: Column): boolean {
  if (column.type === "integer" || column.type === "number") {
    if (strictlyIncreasing(column.values)) return false;
    const sorted = column.values.filter((v) => !Number.isNaN(v)).sort();
    for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) return true;
    return false;
  }
  const present = (column.values as unknown[]).filter((v) => v !== null);
  return new Set(present).size !== present.length;
}

// Identifier columns are usually written in order: one pass proves them unique without a sort.
function strictlyIncreasing(values: Float64Array): boolean {
  let last = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    if (!(v > last)) return false;
    last = v;
  }
  return true;
}

/** Per-column statistics for the markdown report: nulls, and min/max/mean of numbers or distinct count of other values. */
import type { DataTable } from "./table.ts";

export interface ColumnStats {
  column: string;
  type: string;
  nulls: number;
  null_share: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  distinct: number | null;
}

/** One pass per column. */
export function columnStats(table: DataTable): ColumnStats[] {
  return table.columns.map((column) => {
    let nulls = 0;
    let min: number | null = null;
    let max: number | null = null;
    let mean: number | null = null;
    let distinct: number | null = null;
    if (column.type === "integer" || column.type === "number") {
      const v = column.values;
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      let sum = 0;
      for (let i = 0; i < v.length; i++) {
        const x = v[i]!;
        if (Number.isNaN(x)) {
          nulls++;
          continue;
        }
        if (x < lo) lo = x;
        if (x > hi) hi = x;
        sum += x;
      }
      const present = v.length - nulls;
      if (present > 0) {
        min = lo;
        max = hi;
        mean = sum / present;
      }
    } else {
      const seen = new Set<string | boolean>();
      for (const x of column.values as (string | boolean | null)[]) {
        if (x === null) nulls++;
        else seen.add(x);
      }
      distinct = seen.size;
    }
    return {
      column: column.name,
      type: column.type,
      nulls,
      null_share: table.rows === 0 ? 0 : nulls / table.rows,
      min,
      max,
      mean,
      distinct,
    };
  });
}

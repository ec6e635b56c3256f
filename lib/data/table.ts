/** The in-memory shape every loader produces: typed columns plus each row's file line number. */

/** A column type as a data policy names it. */
export type ColumnType = "integer" | "number" | "boolean" | "string";

/** Numbers live in a Float64Array with NaN for missing values (no per-value objects at 1M rows). */
export interface NumericColumn {
  name: string;
  type: "integer" | "number";
  values: Float64Array;
}

/** Booleans and strings keep null for missing values. */
export interface BooleanColumn {
  name: string;
  type: "boolean";
  values: (boolean | null)[];
}

export interface StringColumn {
  name: string;
  type: "string";
  values: (string | null)[];
}

export type Column = NumericColumn | BooleanColumn | StringColumn;

/** A loaded data file. `lines[i]` is the file line of row i (header = line 1; for binary formats, the 1-based row number). */
export interface DataTable {
  file: string;
  rows: number;
  columns: Column[];
  lines: Uint32Array;
}

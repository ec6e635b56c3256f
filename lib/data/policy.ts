/**
 * The data policy as code sees it: every type here is derived from the generated types of
 * policies/schemas/data-policy.schema.json (lib/config/types.gen.ts), never written twice.
 */
import type { Column, DataPolicy } from "../config/types.gen.ts";

export type { DataPolicy };

/** The rules of one column. */
export type ColumnRule = Column;

/** A bound: a number, or `{ value, mostly }`. */
export type Bound = NonNullable<Column["min"]>;

/** A value a column may hold, as policies write it. */
export type Scalar = NonNullable<NonNullable<DataPolicy["label"]>["positive"]>;

/** One row-level expression rule. */
export type ExpressionRule = NonNullable<DataPolicy["expressions"]>[number];

/** Drift settings. */
export type DriftPolicy = NonNullable<DataPolicy["drift"]>;

/** A drift method a policy may name. */
export type DriftMethod = NonNullable<
  NonNullable<NonNullable<DriftPolicy["columns"]>[string]>["method"]
>;

/** The policy's column rules as [name, rule] pairs (the generated map type allows holes). */
export function columnRules(policy: DataPolicy): [string, ColumnRule][] {
  return Object.entries(policy.columns ?? {}).filter(
    (entry): entry is [string, ColumnRule] => entry[1] !== undefined,
  );
}

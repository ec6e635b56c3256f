/** The data policy as code sees it (policies/schemas/data-policy.schema.json is the source of truth). */
import type { ColumnType } from "./table.ts";

export type DriftMethod =
  | "ks"
  | "z"
  | "chisquare"
  | "jensenshannon"
  | "wasserstein"
  | "psi"
  | "kl_div"
  | "hellinger";

export type Scalar = string | number | boolean;
export type Bound = number | { value: number; mostly?: number };

export interface ColumnRule {
  type?: ColumnType;
  required?: boolean;
  nullable?: boolean;
  max_null_share?: number;
  min?: Bound;
  max?: Bound;
  in?: Scalar[] | { values: Scalar[]; mostly?: number };
  regex?: string | { pattern: string; mostly?: number };
  unique?: boolean;
  mostly?: number;
}

export interface ExpressionRule {
  name: string;
  expr: string;
  mostly?: number;
  description?: string;
}

export interface DriftPolicy {
  share?: number;
  ignore?: string[];
  columns?: Record<
    string,
    { method?: DriftMethod; threshold?: number; kind?: "numeric" | "categorical" }
  >;
}

export interface DataPolicy {
  columns?: Record<string, ColumnRule>;
  rows?: { min?: number; max?: number };
  strict?: boolean;
  label?: {
    column: string;
    positive?: Scalar;
    rate?: { min?: number; max?: number };
  };
  expressions?: ExpressionRule[];
  drift?: DriftPolicy;
}

/** Drift of every comparable column against a reference, through the drift engine (lib/data/drift/), plus histograms for the report. */
import { columnRules, type DataPolicy, type DriftMethod } from "./policy.ts";
import type { Column, DataTable } from "./table.ts";

type Sample = Float64Array | (string | null)[];

/** The drift engine's API (lib/data/drift/index.ts), passed in so this file does not pin its implementation. */
export interface DriftEngine {
  driftColumn(params: {
    reference: Sample;
    current: Sample;
    kind: "numeric" | "categorical";
    method?: DriftMethod;
    threshold?: number;
  }): { method: string; score: number; threshold: number; drifted: boolean };
}

/** One column's drift verdict; `histogram` (shares per bin) is kept for drifted columns' charts. */
export interface ColumnDrift {
  column: string;
  kind: "numeric" | "categorical";
  method: string;
  score: number | null;
  threshold: number | null;
  drifted: boolean;
  error?: string;
  histogram?: { bins: string[]; reference: number[]; current: number[] };
}

/** The dataset verdict: drifted when the share of drifted columns reaches `threshold`. */
export interface DriftResult {
  drifted: boolean;
  share: number;
  threshold: number;
  columns: ColumnDrift[];
}

/** Compare each column present in both tables (minus `drift.ignore` and columns declared unique). */
export function computeDrift(params: {
  current: DataTable;
  reference: DataTable;
  policy: DataPolicy;
  engine: DriftEngine;
}): DriftResult {
  const { current, reference, policy, engine } = params;
  const drift = policy.drift ?? {};
  const ignore = new Set(drift.ignore ?? []);
  for (const [name, rule] of columnRules(policy)) if (rule.unique) ignore.add(name);
  const columns: ColumnDrift[] = [];
  for (const column of current.columns) {
    const ref = reference.columns.find((c) => c.name === column.name);
    if (!ref || ignore.has(column.name)) continue;
    const override = drift.columns?.[column.name] ?? {};
    const kind = override.kind ?? (isNumeric(column) && isNumeric(ref) ? "numeric" : "categorical");
    const cur = sample(column, kind);
    const base = sample(ref, kind);
    try {
      const verdict = engine.driftColumn({
        reference: base,
        current: cur,
        kind,
        ...(override.method ? { method: override.method } : {}),
        ...(override.threshold !== undefined ? { threshold: override.threshold } : {}),
      });
      const entry: ColumnDrift = { column: column.name, kind, ...verdict };
      if (verdict.drifted) entry.histogram = histogram(base, cur, kind);
      columns.push(entry);
    } catch (error) {
      columns.push({
        column: column.name,
        kind,
        method: override.method ?? "none",
        score: null,
        threshold: override.threshold ?? null,
        drifted: false,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  const compared = columns.filter((c) => c.error === undefined);
  const driftedCount = compared.filter((c) => c.drifted).length;
  const share = compared.length === 0 ? 0 : driftedCount / compared.length;
  const threshold = drift.share ?? 0.5;
  return { drifted: compared.length > 0 && share >= threshold, share, threshold, columns };
}

function isNumeric(column: Column): boolean {
  return column.type === "integer" || column.type === "number";
}

function sample(column: Column, kind: "numeric" | "categorical"): Sample {
  if (kind === "numeric") {
    if (isNumeric(column)) return column.values as Float64Array;
    return Float64Array.from(column.values as (string | boolean | null)[], (v) =>
      v === null || v === "" ? Number.NaN : Number(v),
    );
  }
  if (column.type === "string") return column.values;
  if (column.type === "boolean") return column.values.map((v) => (v === null ? null : String(v)));
  return Array.from(column.values, (v) => (Number.isNaN(v) ? null : String(v)));
}

const BINS = 10;

/** Shares per bin for the chart: 10 equal-width bins (numeric) or the 10 most frequent values. */
export function histogram(
  reference: Sample,
  current: Sample,
  kind: "numeric" | "categorical",
): { bins: string[]; reference: number[]; current: number[] } {
  if (kind === "numeric") {
    const ref = reference as Float64Array;
    const cur = current as Float64Array;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const v of [ref, cur]) {
      for (let i = 0; i < v.length; i++) {
        const x = v[i]!;
        if (x < lo) lo = x;
        if (x > hi) hi = x;
      }
    }
    if (!(lo <= hi)) return { bins: [], reference: [], current: [] };
    const width = hi > lo ? (hi - lo) / BINS : 1;
    const count = (v: Float64Array) => {
      const out = new Array<number>(BINS).fill(0);
      let n = 0;
      for (let i = 0; i < v.length; i++) {
        const x = v[i]!;
        if (Number.isNaN(x)) continue;
        out[Math.min(BINS - 1, Math.floor((x - lo) / width))]!++;
        n++;
      }
      return out.map((c) => (n === 0 ? 0 : round(c / n)));
    };
    const bins = Array.from({ length: BINS }, (_, i) => round(lo + i * width).toString());
    return { bins, reference: count(ref), current: count(cur) };
  }
  const tally = (values: (string | null)[]) => {
    const map = new Map<string, number>();
    let n = 0;
    for (const v of values) {
      if (v === null) continue;
      map.set(v, (map.get(v) ?? 0) + 1);
      n++;
    }
    return { map, n };
  };
  const r = tally(reference as (string | null)[]);
  const c = tally(current as (string | null)[]);
  const keys = [...new Set([...r.map.keys(), ...c.map.keys()])]
    .sort(
      (a, b) =>
        (r.map.get(b) ?? 0) + (c.map.get(b) ?? 0) - (r.map.get(a) ?? 0) - (c.map.get(a) ?? 0),
    )
    .slice(0, BINS);
  const shares = (t: { map: Map<string, number>; n: number }) =>
    keys.map((k) => (t.n === 0 ? 0 : round((t.map.get(k) ?? 0) / t.n)));
  return { bins: keys, reference: shares(r), current: shares(c) };
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

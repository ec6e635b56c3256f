#!/usr/bin/env bun
/**
 * The example repo's data: a deterministic synthetic churn table with the columns of the seed's
 * validate.py (plus a `plan` category), a churn relation a logistic regression can learn, an
 * optional drift, and faults that reproduce each failure validate.py catches.
 *
 *   bun examples/churn/generate-data.ts --rows 100000 --seed 7 [--drift 0.5] --out data/train.csv
 *     [--fault missing-column=total_charges] [--fault nulls=tenure_months:3] [--fault negative-tenure=2]
 *     [--fault tenure-over-120=2] [--fault invalid-churn=2] [--fault churn-rate=0.02]
 *
 * Rows stream to the file in chunks, so millions of rows never sit in one string.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

/** Faults, each reproducing one failure of the seed's validate.py. Faulty rows are spread evenly. */
export interface ChurnFaults {
  /** Leave this column out. */
  missingColumn?: string;
  /** Blank out `count` values of a column. */
  nulls?: { column: string; count: number };
  /** This many rows get a negative tenure. */
  negativeTenure?: number;
  /** This many rows get a tenure above 120. */
  tenureOver120?: number;
  /** This many rows get churn = 2. */
  invalidChurn?: number;
  /** Force the churn rate to about this share (e.g. 0.02 or 0.8). */
  churnRate?: number;
}

export interface ChurnParams {
  rows: number;
  seed: number;
  /** 0 (none) to 1 (strong): higher charges, shorter tenure, more basic plans. */
  drift?: number;
  faults?: ChurnFaults;
}

export const CHURN_COLUMNS = [
  "customer_id",
  "tenure_months",
  "monthly_charges",
  "total_charges",
  "num_products",
  "has_support_calls",
  "plan",
  "churn",
] as const;

/** The 0-based data rows a fault of `count` rows touches: spread evenly, never the same row twice. */
export function faultRows(rows: number, count: number): number[] {
  const out: number[] = [];
  const n = Math.min(count, rows);
  for (let k = 1; k <= n; k++) out.push(Math.floor((k * rows) / (n + 1)));
  return out;
}

/** sfc32: a small, fast, seedable PRNG (no Math.random). */
function prng(seed: number): () => number {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (a + b + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

/** The CSV in chunks of about `chunkRows` rows (header first). */
export function* churnCsvChunks(params: ChurnParams, chunkRows = 10_000): Generator<string> {
  const { rows, seed, drift = 0, faults = {} } = params;
  const random = prng(seed);
  const gauss = () => {
    const u = 1 - random();
    const v = random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const columns = CHURN_COLUMNS.filter((c) => c !== faults.missingColumn);
  const marks = new Map<number, string[]>();
  const mark = (kind: string, at: number[]) => {
    for (const row of at) marks.set(row, [...(marks.get(row) ?? []), kind]);
  };
  mark("negative", faultRows(rows, faults.negativeTenure ?? 0));
  mark(
    "over120",
    faultRows(rows, faults.tenureOver120 ?? 0).map((r) => (r + 1) % Math.max(rows, 1)),
  );
  mark(
    "churn2",
    faultRows(rows, faults.invalidChurn ?? 0).map((r) => (r + 2) % Math.max(rows, 1)),
  );
  if (faults.nulls) mark(`null:${faults.nulls.column}`, faultRows(rows, faults.nulls.count));

  let chunk = `${columns.join(",")}\n`;
  for (let i = 0; i < rows; i++) {
    const planRoll = random();
    const plan =
      planRoll < 0.5 + 0.3 * drift ? "basic" : planRoll < 0.85 + 0.1 * drift ? "pro" : "enterprise";
    let tenure = Math.min(72, Math.floor(random() * (72 - 30 * drift)));
    const base = plan === "basic" ? 35 : plan === "pro" ? 70 : 100;
    const monthly = Math.max(18, base + 30 * drift + 10 * gauss());
    const total = tenure === 0 ? monthly : tenure * monthly * (0.95 + 0.1 * random());
    const products = 1 + Math.floor(random() * 5);
    const support = random() < 0.3 ? 1 : 0;
    const logit =
      2.2 - 0.12 * tenure + 0.035 * (monthly - 60) + 1.6 * support - 0.35 * (products - 1);
    const roll = random();
    let churn =
      faults.churnRate === undefined
        ? roll < 1 / (1 + Math.exp(-logit))
          ? 1
          : 0
        : roll < faults.churnRate
          ? 1
          : 0;
    const kinds = marks.get(i);
    const values: Record<string, string> = {};
    if (kinds?.includes("negative")) tenure = -1 - (i % 5);
    if (kinds?.includes("over120")) tenure = 121 + (i % 10);
    if (kinds?.includes("churn2")) churn = 2;
    values.customer_id = String(100000 + i);
    values.tenure_months = String(tenure);
    values.monthly_charges = monthly.toFixed(2);
    values.total_charges = total.toFixed(2);
    values.num_products = String(products);
    values.has_support_calls = String(support);
    values.plan = plan;
    values.churn = String(churn);
    if (faults.nulls && kinds?.includes(`null:${faults.nulls.column}`))
      values[faults.nulls.column] = "";
    chunk += `${columns.map((c) => values[c]).join(",")}\n`;
    if ((i + 1) % chunkRows === 0) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk !== "") yield chunk;
}

/** The whole CSV as one string (for tests and small files). */
export function generateChurnCsv(params: ChurnParams): string {
  let out = "";
  for (const chunk of churnCsvChunks(params)) out += chunk;
  return out;
}

function faultsFrom(specs: string[]): ChurnFaults {
  const faults: ChurnFaults = {};
  for (const spec of specs) {
    const [name, value = ""] = spec.split("=", 2) as [string, string?];
    if (name === "missing-column") faults.missingColumn = value;
    else if (name === "nulls") {
      const [column = "", count = "1"] = value.split(":");
      faults.nulls = { column, count: Number(count) };
    } else if (name === "negative-tenure") faults.negativeTenure = Number(value);
    else if (name === "tenure-over-120") faults.tenureOver120 = Number(value);
    else if (name === "invalid-churn") faults.invalidChurn = Number(value);
    else if (name === "churn-rate") faults.churnRate = Number(value);
    else throw new Error(`unknown fault "${name}"`);
  }
  return faults;
}

function main(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      rows: { type: "string" },
      seed: { type: "string", default: "1" },
      drift: { type: "string", default: "0" },
      fault: { type: "string", multiple: true, default: [] },
      out: { type: "string" },
    },
  });
  const rows = Number(values.rows);
  if (!Number.isInteger(rows) || rows < 0 || values.out === undefined) {
    process.stderr.write(
      "usage: generate-data.ts --rows N --seed S [--drift X] [--fault name=value]... --out file\n",
    );
    return 2;
  }
  const fd = openSync(values.out, "w");
  try {
    const params = {
      rows,
      seed: Number(values.seed),
      drift: Number(values.drift),
      faults: faultsFrom(values.fault ?? []),
    };
    for (const chunk of churnCsvChunks(params, 50_000)) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return 0;
}

const entry = process.argv[1];
if (entry !== undefined && fileURLToPath(import.meta.url) === entry)
  process.exitCode = main(process.argv.slice(2));

import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import {
  type ChurnFaults,
  faultRows,
  generateChurnCsv,
} from "../../examples/churn/generate-data.ts";
import { checkData } from "../../lib/data/check-data.ts";
import { loadCsv } from "../../lib/data/load-csv.ts";
import { loadDataPolicy } from "../../lib/data/load-policy.ts";
import { bytes } from "./helpers.ts";

const MLOPS = "examples/churn/.github/mlops.yml";
const source = loadDataPolicy({ file: MLOPS, text: readFileSync(MLOPS, "utf8"), dataset: "train" });
if (!source.ok) throw new Error(source.errors.join("\n"));
const policy = source.policy;

/** The seed's validate.py, line for line, as the oracle (its generated input has no quoting). */
function validatePy(csv: string): string[] {
  const [head, ...body] = csv.trimEnd().split("\n");
  const names = head!.split(",");
  const rows = body.map((line) => line.split(","));
  const col = (name: string) => rows.map((r) => r[names.indexOf(name)]!);
  const num = (v: string) => (v === "" ? Number.NaN : Number(v));
  const errors: string[] = [];
  const required = [
    "customer_id",
    "tenure_months",
    "monthly_charges",
    "total_charges",
    "num_products",
    "has_support_calls",
    "churn",
  ];
  const missing = required.filter((c) => !names.includes(c));
  if (missing.length) errors.push(`Missing required columns: {'${missing.join("', '")}'}`);
  for (const c of ["tenure_months", "monthly_charges", "churn"]) {
    if (!names.includes(c)) continue;
    const nulls = col(c).filter((v) => v === "").length;
    if (nulls > 0) errors.push(`Column '${c}' has ${nulls} null values`);
  }
  if (names.includes("tenure_months")) {
    const t = col("tenure_months").map(num);
    if (t.some((v) => v < 0)) errors.push("tenure_months has negative values");
    if (t.some((v) => v > 120)) errors.push("tenure_months has values > 120");
  }
  if (names.includes("churn")) {
    const c = col("churn").map(num);
    if (c.some((v) => v !== 0 && v !== 1)) errors.push("churn column has invalid values");
    const present = c.filter((v) => !Number.isNaN(v));
    const rate = present.reduce((a, b) => a + b, 0) / present.length;
    if (rate < 0.05 || rate > 0.6) {
      errors.push(`Unusual class balance: ${(rate * 100).toFixed(1)}% churn rate (expected 5-60%)`);
    }
  }
  if (rows.length < 1000) errors.push(`Dataset too small: ${rows.length} rows`);
  return errors;
}

type Case = [string, { rows: number; faults?: ChurnFaults }, string[], Record<string, number[]>];
const ROWS = 3000;

const cases: Case[] = [
  ["good data", { rows: ROWS }, [], {}],
  [
    "missing column",
    { rows: ROWS, faults: { missingColumn: "total_charges" } },
    ["Missing required columns: {'total_charges'}"],
    { "total_charges.required": [] },
  ],
  [
    "nulls in tenure_months",
    { rows: ROWS, faults: { nulls: { column: "tenure_months", count: 3 } } },
    ["Column 'tenure_months' has 3 null values"],
    { "tenure_months.nullable": faultRows(ROWS, 3).map((r) => r + 2) },
  ],
  [
    "nulls in monthly_charges",
    { rows: ROWS, faults: { nulls: { column: "monthly_charges", count: 1 } } },
    ["Column 'monthly_charges' has 1 null values"],
    { "monthly_charges.nullable": faultRows(ROWS, 1).map((r) => r + 2) },
  ],
  [
    "nulls in churn",
    { rows: ROWS, faults: { nulls: { column: "churn", count: 2 } } },
    ["Column 'churn' has 2 null values", "churn column has invalid values"],
    { "churn.nullable": faultRows(ROWS, 2).map((r) => r + 2) },
  ],
  [
    "negative tenure",
    { rows: ROWS, faults: { negativeTenure: 2 } },
    ["tenure_months has negative values"],
    { "tenure_months.min": faultRows(ROWS, 2).map((r) => r + 2) },
  ],
  [
    "tenure above 120",
    { rows: ROWS, faults: { tenureOver120: 4 } },
    ["tenure_months has values > 120"],
    { "tenure_months.max": faultRows(ROWS, 4).map((r) => r + 3) },
  ],
  [
    "invalid churn value",
    { rows: ROWS, faults: { invalidChurn: 2 } },
    ["churn column has invalid values"],
    { "churn.in": faultRows(ROWS, 2).map((r) => r + 4) },
  ],
  [
    "churn rate below 5%",
    { rows: ROWS, faults: { churnRate: 0.02 } },
    ["Unusual class balance: 2.2% churn rate (expected 5-60%)"],
    { "churn.label_rate": [] },
  ],
  [
    "churn rate above 60%",
    { rows: ROWS, faults: { churnRate: 0.8 } },
    ["Unusual class balance: 79.8% churn rate (expected 5-60%)"],
    { "churn.label_rate": [] },
  ],
  ["fewer than 1000 rows", { rows: 999 }, ["Dataset too small: 999 rows"], { rows: [] }],
];

describe("the seed's validate.py verdicts, from examples/churn's policy", () => {
  test.each(cases)("%s", (...[_name, params, seedErrors, failing]) => {
    const csv = generateChurnCsv({ seed: 11, ...params });
    expect(validatePy(csv)).toEqual(seedErrors);
    const result = checkData({ table: loadCsv({ bytes: bytes(csv), file: "train.csv" }), policy });
    expect(result.passed).toBe(seedErrors.length === 0);
    const failed = Object.fromEntries(
      result.checks.filter((c) => !c.passed).map((c) => [c.id, c.rows]),
    );
    expect(failed).toEqual(failing);
  });
});

describe("the example data generator", () => {
  test("is deterministic per seed and differs across seeds", () => {
    const a = generateChurnCsv({ rows: 50, seed: 5 });
    expect(generateChurnCsv({ rows: 50, seed: 5 })).toBe(a);
    expect(generateChurnCsv({ rows: 50, seed: 6 })).not.toBe(a);
    expect(a.split("\n")[0]).toBe(
      "customer_id,tenure_months,monthly_charges,total_charges,num_products,has_support_calls,plan,churn",
    );
  });

  test("drift moves monthly_charges up", () => {
    const mean = (csv: string) => {
      const values = csv
        .trimEnd()
        .split("\n")
        .slice(1)
        .map((l) => Number(l.split(",")[2]));
      return values.reduce((x, y) => x + y, 0) / values.length;
    };
    const base = mean(generateChurnCsv({ rows: 2000, seed: 1 }));
    const drifted = mean(generateChurnCsv({ rows: 2000, seed: 1, drift: 1 }));
    expect(drifted - base).toBeGreaterThan(10);
  });

  test("faultRows spreads rows evenly", () => {
    expect(faultRows(3000, 3)).toEqual([750, 1500, 2250]);
    expect(faultRows(2, 5)).toEqual([0, 1]);
  });
});

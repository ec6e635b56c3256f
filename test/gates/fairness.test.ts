import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { parseCsv } from "../../lib/gates/csv.ts";
import { computeFairness } from "../../lib/gates/fairness.ts";
import type { CsvTable, FairnessGates, FairnessSummary } from "../../lib/gates/types.ts";

// Expected values come from scripts/gen-fairness-fixtures.py (fairlearn's formulas in pandas).
const fixtures = new URL("../fixtures/gates/", import.meta.url);
const read = (name: string) => readFileSync(new URL(name, fixtures), "utf8");

interface Expected {
  file: string;
  sensitive: string[];
  positive: number | string;
  groups: Record<
    string,
    { count: number; selectionRate: number; truePositiveRate: number; falsePositiveRate: number }
  >;
  metrics: Record<string, number | null>;
}
const expected = JSON.parse(read("fairness-expected.json")) as Record<string, Expected>;

function table(text: string, source = "p.csv"): CsvTable {
  const parsed = parseCsv({ source, text });
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  return parsed.value;
}

function fairness(t: CsvTable, config: Omit<FairnessGates, "metrics">): FairnessSummary {
  const result = computeFairness({ table: t, config: { ...config, metrics: {} } });
  if (!result.ok) throw new Error(result.errors.join("\n"));
  return result.value;
}

describe("fairness against the fixtures (to 1e-9)", () => {
  test.each(Object.keys(expected))("%s", (name) => {
    const want = expected[name] as Expected;
    const got = fairness(table(read(want.file), want.file), {
      sensitive: want.sensitive,
      positive: want.positive,
    });
    expect(got.groups.map((g) => g.key).sort()).toEqual(Object.keys(want.groups).sort());
    for (const g of got.groups) {
      const w = want.groups[g.key];
      if (!w) throw new Error(`unexpected group ${g.key}`);
      expect(g.count).toBe(w.count);
      expect(g.selectionRate).toBeCloseTo(w.selectionRate, 9);
      expect(g.truePositiveRate).toBeCloseTo(w.truePositiveRate, 9);
      expect(g.falsePositiveRate).toBeCloseTo(w.falsePositiveRate, 9);
    }
    expect(Object.keys(got.metrics).sort()).toEqual(Object.keys(want.metrics).sort());
    for (const [metric, value] of Object.entries(want.metrics)) {
      if (value === null) expect(got.metrics[metric]).toBeNull();
      else expect(got.metrics[metric] as number).toBeCloseTo(value, 9);
    }
  });
});

describe("fairness by hand", () => {
  // Group a: 4 rows, labels 1 1 0 0, predictions 1 0 1 0 → selection 0.5, TPR 0.5, FPR 0.5.
  // Group b: 4 rows, labels 1 1 0 0, predictions 1 1 0 0 → selection 0.5, TPR 1, FPR 0.
  const text = "label,prediction,g\n1,1,a\n1,0,a\n0,1,a\n0,0,a\n1,1,b\n1,1,b\n0,0,b\n0,0,b\n";
  test("equal selection, unequal odds", () => {
    expect(fairness(table(text), { sensitive: ["g"] })).toEqual({
      sensitive: ["g"],
      positive: "1",
      groups: [
        {
          key: "g=a",
          values: { g: "a" },
          count: 4,
          selectionRate: 0.5,
          truePositiveRate: 0.5,
          falsePositiveRate: 0.5,
        },
        {
          key: "g=b",
          values: { g: "b" },
          count: 4,
          selectionRate: 0.5,
          truePositiveRate: 1,
          falsePositiveRate: 0,
        },
      ],
      metrics: {
        demographic_parity_difference: 0,
        demographic_parity_ratio: 1,
        disparate_impact_ratio: 1,
        equalized_odds_difference: 0.5,
        equalized_odds_ratio: 0,
        equal_opportunity_difference: 0.5,
        equal_opportunity_ratio: 0.5,
      },
    });
  });

  test.each([
    ["1.0 and 1 are one outcome", "label,prediction,g\n1.0,1,a\n0,0.0,a\n", 1, "1"],
    [
      "booleans match case-insensitively",
      "label,prediction,g\nTrue,true,a\nFalse,False,a\n",
      true,
      "true",
    ],
    ["string outcomes", "label,prediction,g\nyes,yes,a\nno,no,a\n", "yes", "yes"],
  ])("%s", (_name, csv, positive, canonical) => {
    const got = fairness(table(csv), { sensitive: ["g"], positive });
    expect(got.positive).toBe(canonical);
    expect(got.groups[0]).toMatchObject({
      selectionRate: 0.5,
      truePositiveRate: 1,
      falsePositiveRate: 0,
    });
  });

  test("custom column names and two sensitive columns form combined groups", () => {
    const csv = "y,yhat,sex,age\n1,1,F,young\n0,0,F,old\n1,0,M,young\n0,1,M,young\n";
    const got = fairness(table(csv), {
      sensitive: ["sex", "age"],
      columns: { label: "y", prediction: "yhat" },
    });
    expect(got.groups.map((g) => [g.key, g.count, g.selectionRate])).toEqual([
      ["sex=F, age=old", 1, 0],
      ["sex=F, age=young", 1, 1],
      ["sex=M, age=young", 2, 0.5],
    ]);
  });
});

describe("fairness input errors name the fix", () => {
  test.each([
    [
      "missing columns, all at once",
      "y,prediction\n1,1\n",
      { sensitive: ["gender", "age_band"] },
      [
        'p.csv: has no label column "label" (columns: y, prediction); add it or fix the fairness config',
        'p.csv: has no sensitive attribute column "gender" (columns: y, prediction); add it or fix the fairness config',
        'p.csv: has no sensitive attribute column "age_band" (columns: y, prediction); add it or fix the fairness config',
      ],
    ],
    [
      "no rows",
      "label,prediction,g\n",
      { sensitive: ["g"] },
      ["p.csv: has no rows; write the holdout predictions"],
    ],
    [
      "empty cells, with their lines",
      "label,prediction,g\n1,1,a\n1,,a\n0,0,\n",
      { sensitive: ["g"] },
      [
        'p.csv:3: column "prediction" is empty; fill it in or drop the row',
        'p.csv:4: column "g" is empty; fill it in or drop the row',
      ],
    ],
    [
      "the positive outcome never appears",
      "label,prediction,g\nyes,no,a\nno,no,a\n",
      { sensitive: ["g"] },
      [
        'p.csv: the positive outcome 1 appears in neither "label" nor "prediction" (values: no, yes); set fairness.positive to the selected outcome',
      ],
    ],
    [
      "more than two outcomes",
      "label,prediction,g\n0,1,a\n2,1,a\n",
      { sensitive: ["g"] },
      [
        'p.csv: "label" and "prediction" hold 3 values (0, 1, 2); fairness gates need a binary classifier\'s labels and predictions',
      ],
    ],
  ])("%s", (_name, csv, config, errors) => {
    expect(computeFairness({ table: table(csv), config: { ...config, metrics: {} } })).toEqual({
      ok: false,
      errors,
    });
  });
});

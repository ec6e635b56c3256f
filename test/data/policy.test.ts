import { describe, expect, test } from "bun:test";
import { loadDocument } from "../../lib/config/load.ts";
import { parseSafeExpression } from "../../lib/data/expression.ts";
import { loadDataPolicy } from "../../lib/data/load-policy.ts";
import { formatDiagnostic } from "../../lib/diagnostics.ts";

const FIX = "use only d.<column>, op.<function>(...), operators and literals";

describe("expressions: arquero's language, nothing outside d, op and literals", () => {
  test.each([
    [
      "d => d.total_charges >= d.monthly_charges",
      { columns: ["total_charges", "monthly_charges"] },
    ],
    ["d => op.abs(d.a - d.b) < 1e-6 || d.c == null", { columns: ["a", "b", "c"] }],
    ["(d) => op.includes(['basic', 'pro'], d.plan) ? true : false", { columns: ["plan"] }],
    ["d => op.count() > 10", { columns: [] }],
    [
      "d => import('fs')",
      { message: `import() is not allowed in a data policy; ${FIX}`, column: 6 },
    ],
    [
      "d => globalThis.process",
      { message: `Invalid variable reference: "globalThis"; ${FIX}`, column: 6 },
    ],
    [
      "d => d.constructor",
      {
        message: 'column name "constructor" is not allowed in an expression; rename the column',
        column: 8,
      },
    ],
    [
      "d => d.a.constructor('return 1')",
      { message: `Invalid function call: "d.a.constructor('return 1')"; ${FIX}`, column: 6 },
    ],
    [
      "d => d.a.length > 2",
      {
        message: `a property access outside d.<column> is not allowed in a data policy; ${FIX}`,
        column: 9,
      },
    ],
    [
      "d => { return d.a }",
      { message: `a block { ... } is not allowed in a data policy; ${FIX}`, column: 6 },
    ],
    [
      "d => new Function('x')",
      { message: `Use of "new" not allowed: "new Function('x')"; ${FIX}`, column: 6 },
    ],
    ["d => d.a = 1", { message: `Assignments not allowed: "d.a = 1"; ${FIX}`, column: 6 }],
    ["d => eval('1')", { message: `Invalid function call: "eval('1')"; ${FIX}`, column: 6 }],
  ])("%s", (expr, expected) => {
    expect(parseSafeExpression(expr)).toEqual(expected as never);
  });
});

const FILE = "policies/churn-data.yml";

describe("data-policy files through the config loader: errors at file:line:column", () => {
  test.each([
    [
      "the issue's example is valid as written",
      `columns:
  customer_id:       { type: integer, required: true, unique: true }
  tenure_months:     { type: integer, required: true, nullable: false, min: 0, max: 120 }
  monthly_charges:   { type: number,  required: true, nullable: false, min: 0 }
  num_products:      { type: integer, in: [1, 2, 3, 4, 5] }
  plan:              { type: string,  regex: "^(basic|pro|enterprise)$", max_null_share: 0.01 }
  churn:             { type: integer, required: true, nullable: false, in: [0, 1] }
rows: { min: 1000, max: 10000000 }
strict: false                 # true: unexpected columns fail
label: { column: churn, positive: 1, rate: { min: 0.05, max: 0.60 } }
expressions:                  # row-level rules in arquero's expression language only
  - { name: total_ge_monthly, expr: "d => d.total_charges >= d.monthly_charges", mostly: 0.99 }
drift:                        # used when a reference is given
  share: 0.5                  # dataset drifts when this share of columns drifts
  columns: { monthly_charges: { method: psi, threshold: 0.2 } }   # override the default
`,
      [],
    ],
    [
      "schema: unknown key and a bad enum",
      "columns:\n  a: { typo: 1 }\ndrift:\n  columns: { a: { method: nope } }\n",
      [
        `${FILE}:2:8: columns.a.typo: unknown key "typo"; did you mean "type"?`,
        `${FILE}:4:27: drift.columns.a.method: "nope" is not allowed; use one of: ks, z, chisquare, jensenshannon, wasserstein, psi, kl_div, hellinger`,
      ],
    ],
    [
      "semantics: bounds, regex, expressions, duplicate names",
      `columns:
  a: { type: integer, min: 5, max: 1 }
  b: { regex: "([a-z" }
rows: { min: 10, max: 5 }
label: { column: a, rate: { min: 0.6, max: 0.5 } }
expressions:
  - { name: ok, expr: "d => d.a > 1" }
  - { name: bad, expr: "d => import('x')" }
  - { name: ok, expr: "d => d.a.length" }
`,
      [
        `${FILE}:2:28: columns.a.min: min 5 is greater than max 1; swap them`,
        `${FILE}:3:15: columns.b.regex: not a valid JavaScript regular expression; check its brackets, parentheses and escapes`,
        `${FILE}:4:14: rows.min: min 10 is greater than max 5; swap them`,
        `${FILE}:5:34: label.rate.min: min 0.6 is greater than max 0.5; swap them`,
        `${FILE}:8:24: expressions.1.expr: refused at column 6: import() is not allowed in a data policy; ${FIX}`,
        `${FILE}:9:13: expressions.2.name: expression name "ok" is used twice; rename one`,
        `${FILE}:9:23: expressions.2.expr: refused at column 9: a property access outside d.<column> is not allowed in a data policy; ${FIX}`,
      ],
    ],
  ])("%s", (_name, text, errors) => {
    const result = loadDocument({ file: FILE, text, kind: "data-policy" });
    expect(result.errors.map(formatDiagnostic)).toEqual(errors);
    expect(result.valid).toBe(errors.length === 0);
  });

  test("warnings never fail", () => {
    const text = "columns:\n  c: { nullable: false, max_null_share: 0.1 }\nlabel: { column: zz }\n";
    const result = loadDocument({ file: FILE, text, kind: "data-policy" });
    expect(result.valid).toBe(true);
    expect(result.warnings.map(formatDiagnostic)).toEqual([
      `${FILE}:2:41: columns.c.max_null_share: nullable: false already allows no nulls; drop max_null_share or nullable`,
      `${FILE}:3:18: label.column: label column "zz" is not declared under columns; declare it so its values are checked`,
    ]);
  });
});

describe("loadDataPolicy: a policy file or a dataset of .github/mlops.yml", () => {
  const mlops = (datasets: string) =>
    `model: m\nenvironments_repo: o/r\ndatasets:\n${datasets}training: { runner: local, local: { command: [x] } }\n`;
  test.each([
    [
      "a standalone policy",
      { file: "p.yml", text: "rows: { min: 1 }\n" },
      { ok: true, policy: { rows: { min: 1 } }, warnings: [] },
    ],
    [
      "the only dataset of mlops.yml",
      {
        file: ".github/mlops.yml",
        text: mlops("  train: { path: a.csv, checks: { rows: { min: 2 } } }\n"),
      },
      { ok: true, policy: { rows: { min: 2 } }, warnings: [] },
    ],
    [
      "several datasets need --dataset",
      {
        file: ".github/mlops.yml",
        text: mlops("  a: { path: a.csv, checks: {} }\n  b: { path: b.csv }\n"),
      },
      { ok: false, errors: [".github/mlops.yml: name the dataset with --dataset (one of: a, b)"] },
    ],
    [
      "a dataset without checks",
      {
        file: ".github/mlops.yml",
        text: mlops("  a: { path: a.csv, checks: {} }\n  b: { path: b.csv }\n"),
        dataset: "b",
      },
      {
        ok: false,
        errors: ['.github/mlops.yml: dataset "b" has no inline checks; add datasets.b.checks'],
      },
    ],
  ])("%s", (_name, input, expected) => {
    expect(loadDataPolicy(input)).toEqual(expected as never);
  });
});

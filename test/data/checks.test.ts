import { describe, expect, test } from "bun:test";
import { checkData } from "../../lib/data/check-data.ts";
import { loadCsv } from "../../lib/data/load-csv.ts";
import type { DataPolicy } from "../../lib/data/policy.ts";
import { bytes } from "./helpers.ts";

// CRLF line ends and a quoted newline in row 0, so rows sit on lines 2, 4, 5, 6, 7.
const CSV = [
  "id,age,score,plan,flag,label,note",
  '1,34,0.5,basic,true,1,"a',
  'b"',
  "2,-3,1.5,pro,false,0,x",
  "3,130,,gold,true,0,y",
  "3,40,2.5,,false,2,z",
  "5,,abc,basic,true,1,w",
  "",
].join("\r\n");
const table = loadCsv({ bytes: bytes(CSV), file: "t.csv" });

type Case = [string, DataPolicy, Record<string, unknown>[]];

const cases: Case[] = [
  [
    "required: missing and present",
    { columns: { missing: { required: true }, id: { required: true }, other: {} } },
    [
      {
        id: "missing.required",
        kind: "required",
        column: "missing",
        passed: false,
        observed: "missing",
        expected: "present",
        message: 'column "missing" is missing; add it to the file or drop required: true',
        rows: [],
      },
      {
        id: "id.required",
        kind: "required",
        column: "id",
        passed: true,
        observed: "present",
        expected: "present",
        message: 'column "id" is present',
        rows: [],
      },
    ],
  ],
  [
    "type: integer with nulls passes; a word in a number column fails at its line",
    { columns: { age: { type: "integer" }, score: { type: "number" }, flag: { type: "boolean" } } },
    [
      {
        id: "age.type",
        passed: true,
        observed: "integer",
        expected: "integer",
        message: "age has no values that are not an integer",
        rows: [],
        failing: 0,
      },
      {
        id: "score.type",
        passed: false,
        observed: "string",
        expected: "number",
        message: "score has 1 value that is not a number",
        rows: [7],
        failing: 1,
      },
      { id: "flag.type", passed: true, observed: "boolean", rows: [] },
    ],
  ],
  [
    "type: booleans are not integers; mostly lets a share fail",
    { columns: { flag: { type: "integer" }, score: { type: "number", mostly: 0.75 } } },
    [
      {
        id: "flag.type",
        passed: false,
        message: "flag has 5 values that are not an integer",
        rows: [2, 4, 5, 6, 7],
        failing: 5,
      },
      {
        id: "score.type",
        passed: true,
        message: "score has 1 value that is not a number; 75.0% pass, mostly requires 75.0%",
        rows: [7],
      },
    ],
  ],
  [
    "nullable and max_null_share",
    { columns: { age: { nullable: false, max_null_share: 0.1 }, id: { nullable: false } } },
    [
      {
        id: "age.nullable",
        kind: "nullable",
        passed: false,
        observed: 1,
        expected: "no nulls",
        message: "age has 1 null value",
        rows: [7],
        failing: 1,
      },
      {
        id: "age.max_null_share",
        kind: "max_null_share",
        passed: false,
        observed: 0.2,
        expected: "<= 0.1",
        message: "age is 20.0% null (1 row), at most 10.0% allowed",
        rows: [7],
      },
      { id: "id.nullable", passed: true, observed: 0, message: "id has no null values", rows: [] },
    ],
  ],
  [
    "min and max, long form with mostly",
    { columns: { age: { min: 0, max: { value: 120, mostly: 0.7 } } } },
    [
      {
        id: "age.min",
        kind: "min",
        passed: false,
        observed: -3,
        expected: ">= 0",
        message: "age has 1 value below 0 (smallest -3)",
        rows: [4],
        failing: 1,
      },
      {
        id: "age.max",
        kind: "max",
        passed: true,
        observed: 130,
        expected: "<= 120",
        message: "age has 1 value above 120 (largest 130); 75.0% pass, mostly requires 70.0%",
        rows: [5],
        failing: 1,
      },
    ],
  ],
  [
    "min on a column that turned to text compares the numeric values",
    { columns: { score: { min: 1 } } },
    [{ id: "score.min", passed: false, observed: 0.5, rows: [2], failing: 1 }],
  ],
  [
    "in: numbers and strings, nulls ignored",
    { columns: { label: { in: [0, 1] }, plan: { in: { values: ["basic", "pro"] } } } },
    [
      {
        id: "label.in",
        kind: "in",
        passed: false,
        observed: [2],
        expected: "in [0, 1]",
        message: "label has 1 value outside [0, 1] (2)",
        rows: [6],
        failing: 1,
      },
      {
        id: "plan.in",
        passed: false,
        observed: ["gold"],
        expected: 'in ["basic", "pro"]',
        message: 'plan has 1 value outside ["basic", "pro"] ("gold")',
        rows: [5],
      },
    ],
  ],
  [
    "regex",
    {
      columns: {
        plan: { regex: "^(basic|pro)$" },
        note: { regex: { pattern: "^[a-y]", mostly: 0.5 } },
      },
    },
    [
      {
        id: "plan.regex",
        kind: "regex",
        passed: false,
        observed: 1,
        expected: "matches /^(basic|pro)$/",
        message: "plan has 1 value not matching /^(basic|pro)$/",
        rows: [5],
      },
      { id: "note.regex", passed: true, observed: 1, rows: [6] },
    ],
  ],
  [
    "unique: the repeat fails, not the first occurrence",
    { columns: { id: { unique: true }, note: { unique: true } } },
    [
      {
        id: "id.unique",
        kind: "unique",
        passed: false,
        observed: 1,
        expected: "no repeated values",
        message: "id has 1 repeated value",
        rows: [6],
        failing: 1,
      },
      { id: "note.unique", passed: true, observed: 0, rows: [] },
    ],
  ],
  [
    "rows: min and max",
    { rows: { min: 10, max: 100 } },
    [
      {
        id: "rows",
        kind: "rows",
        column: null,
        passed: false,
        observed: 5,
        expected: ">= 10 and <= 100",
        message: "the data has 5 rows, fewer than the 10 required",
        rows: [],
      },
    ],
  ],
  [
    "rows: too many",
    { rows: { max: 3 } },
    [
      {
        id: "rows",
        passed: false,
        expected: "<= 3",
        message: "the data has 5 rows, more than the 3 allowed",
      },
    ],
  ],
  [
    "strict",
    { strict: true, columns: { id: {}, age: {}, score: {}, plan: {}, flag: {} } },
    [
      {
        id: "strict",
        kind: "strict",
        column: null,
        passed: false,
        observed: ["label", "note"],
        expected: "only declared columns",
        message:
          'undeclared columns "label", "note"; declare them under columns or set strict: false',
        rows: [],
      },
    ],
  ],
  [
    "label_rate",
    { label: { column: "label", positive: 1, rate: { min: 0.5, max: 0.9 } } },
    [
      {
        id: "label.label_rate",
        kind: "label_rate",
        column: "label",
        passed: false,
        observed: 0.4,
        expected: ">= 0.5 and <= 0.9",
        message: "label = 1 on 40.0% of rows (expected 50.0%–90.0%)",
        rows: [],
      },
    ],
  ],
  [
    "label_rate with a string positive class",
    { label: { column: "plan", positive: "basic", rate: { max: 0.5 } } },
    [
      {
        id: "plan.label_rate",
        passed: true,
        observed: 0.5,
        message: 'plan = "basic" on 50.0% of rows (expected 0%–50.0%)',
      },
    ],
  ],
  [
    "expression: rows with a null input are not counted; mostly",
    {
      expressions: [
        { name: "age_vs_id", expr: "d => d.age >= d.id * 10" },
        { name: "age_vs_id_mostly", expr: "d => d.age >= d.id * 10", mostly: 0.7 },
        { name: "known_plan", expr: "d => op.includes(['basic', 'pro'], d.plan)" },
      ],
    },
    [
      {
        id: "expression.age_vs_id",
        kind: "expression",
        column: null,
        passed: false,
        observed: 0.75,
        expected: "true on every row",
        message: "age_vs_id is false on 1 row of 4",
        rows: [4],
        failing: 1,
      },
      {
        id: "expression.age_vs_id_mostly",
        passed: true,
        expected: "true on >= 70.0% of rows",
        message: "age_vs_id_mostly is false on 1 row of 4; 75.0% pass, mostly requires 70.0%",
        rows: [4],
      },
      { id: "expression.known_plan", passed: false, rows: [5], failing: 1 },
    ],
  ],
  [
    "expression: a missing column and a refused expression fail the check",
    {
      expressions: [
        { name: "ghost", expr: "d => d.ghost > 1" },
        { name: "escape", expr: "d => globalThis.process" },
      ],
    },
    [
      {
        id: "expression.ghost",
        passed: false,
        observed: null,
        message:
          'ghost reads column "ghost", which the data does not have; fix the expression or the data',
        rows: [],
      },
      {
        id: "expression.escape",
        passed: false,
        message:
          'escape: Invalid variable reference: "globalThis"; use only d.<column>, op.<function>(...), operators and literals',
      },
    ],
  ],
];

describe("every check kind, with the offending rows' file lines", () => {
  test.each(cases)("%s", (...[_name, policy, expected]) => {
    const result = checkData({ table, policy });
    expect(result.checks.length).toBe(expected.length);
    for (const [i, check] of result.checks.entries()) expect(check).toMatchObject(expected[i]!);
    expect(result.passed).toBe(expected.every((e) => e.passed !== false));
  });

  test("rows lists at most 20 lines but counts every failure", () => {
    const many = loadCsv({ bytes: bytes(`v\n${"-1\n".repeat(30)}`), file: "m.csv" });
    const [check] = checkData({ table: many, policy: { columns: { v: { min: 0 } } } }).checks;
    expect(check!.failing).toBe(30);
    expect(check!.rows).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
  });

  test("the result has the shape of issue 4 item 4", () => {
    const result = checkData({ table, policy: { columns: { age: { max: 120 } } } });
    expect(Object.keys(result).sort()).toEqual(
      ["checks", "columns", "drift", "file", "passed", "rows", "stats"].sort(),
    );
    expect({
      passed: result.passed,
      rows: result.rows,
      columns: result.columns,
      drift: result.drift,
    }).toEqual({
      passed: false,
      rows: 5,
      columns: 7,
      drift: null,
    });
  });
});

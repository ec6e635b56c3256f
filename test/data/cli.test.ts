import { describe, expect, test } from "bun:test";
import { runCli } from "../../bin/cli.ts";
import { generateChurnCsv } from "../../examples/churn/generate-data.ts";
import { memoryIo } from "./helpers.ts";

const POLICY = `columns:
  id: { type: integer, required: true, unique: true }
  age: { type: integer, nullable: false, min: 0, max: 120 }
rows: { min: 2 }
`;
const GOOD = "id,age\n1,30\n2,40\n3,50\n";
const BAD = 'id,age,note\n1,30,"multi\nline"\n2,130,x\n2,-1,y\n';

describe("mlops check-data", () => {
  test.each([
    [
      ["good.csv", "--policy", "p.yml"],
      0,
      /^good\.csv: passed, 0 of 8 checks failed \(3 rows, 2 columns\)$/m,
      "",
    ],
    [
      ["bad.csv", "--policy", "p.yml"],
      1,
      /^FAIL age\.max: age has 1 value above 120 \(largest 130\) \(line 4\)$/m,
      "",
    ],
    [
      ["missing.csv", "--policy", "p.yml"],
      2,
      /^$/,
      "mlops check-data: missing.csv: no such file; check the path\n",
    ],
    [
      ["good.csv", "--policy", "nope.yml"],
      2,
      /^$/,
      "mlops check-data: nope.yml: no such file; check the path\n",
    ],
    [
      ["ragged.csv", "--policy", "p.yml"],
      2,
      /^$/,
      "mlops check-data: ragged.csv: line 3 has 1 field, the header has 2; quote fields that contain commas\n",
    ],
    [
      ["empty.csv", "--policy", "p.yml"],
      2,
      /^$/,
      "mlops check-data: empty.csv: the file is empty; write a header line and data rows\n",
    ],
    [
      ["good.csv", "--policy", "broken.yml"],
      2,
      /^$/,
      'mlops check-data: broken.yml:1:18: columns.id.typo: unknown key "typo"; did you mean "type"?\n',
    ],
    [
      ["good.csv", "--policy", "p.yml", "--max-memory", "0.00001"],
      2,
      /^$/,
      "mlops check-data: good.csv: needs about 134 bytes, over the memory budget of 11 bytes; raise --max-memory or check a sample of the file\n",
    ],
  ])("%j exits %d", async (argv, code, out, err) => {
    const io = memoryIo({
      "good.csv": GOOD,
      "bad.csv": BAD,
      "ragged.csv": "id,age\n1,2\n3\n",
      "empty.csv": "",
      "p.yml": POLICY,
      "broken.yml": "columns: { id: { typo: 1 } }\n",
    });
    expect(await runCli(["check-data", ...argv], io)).toBe(code);
    expect(io.out).toMatch(out);
    expect(io.err).toBe(err);
  });

  test.each([
    [[], "name exactly one data file"],
    [["a.csv"], "--policy is required"],
    [
      ["a.csv", "--policy", "p.yml", "--format", "xml"],
      '--format must be one of text, json, markdown, annotations, not "xml"',
    ],
    [["a.csv", "--policy", "p.yml", "--bogus"], "Unknown option '--bogus'"],
    [
      ["a.csv", "--policy", "p.yml", "--max-memory", "lots"],
      '--max-memory takes a number of megabytes, not "lots"',
    ],
  ])("bad usage %j exits 2", async (argv, first) => {
    const io = memoryIo();
    expect(await runCli(["check-data", ...argv], io)).toBe(2);
    expect(io.err.split("\n")[0]).toContain(first);
    expect(io.out).toBe("");
  });

  test("--format json prints one document of issue 4's shape", async () => {
    const io = memoryIo({ "bad.csv": BAD, "p.yml": POLICY });
    expect(
      await runCli(["check-data", "bad.csv", "--policy", "p.yml", "--format", "json"], io),
    ).toBe(1);
    const result = JSON.parse(io.out);
    expect({
      passed: result.passed,
      rows: result.rows,
      columns: result.columns,
      drift: result.drift,
    }).toEqual({
      passed: false,
      rows: 3,
      columns: 3,
      drift: null,
    });
    const failed = result.checks.filter((c: { passed: boolean }) => !c.passed);
    expect(failed).toEqual([
      {
        id: "id.unique",
        kind: "unique",
        column: "id",
        passed: false,
        observed: 1,
        expected: "no repeated values",
        message: "id has 1 repeated value",
        rows: [5],
        failing: 1,
      },
      {
        id: "age.min",
        kind: "min",
        column: "age",
        passed: false,
        observed: -1,
        expected: ">= 0",
        message: "age has 1 value below 0 (smallest -1)",
        rows: [5],
        failing: 1,
      },
      {
        id: "age.max",
        kind: "max",
        column: "age",
        passed: false,
        observed: 130,
        expected: "<= 120",
        message: "age has 1 value above 120 (largest 130)",
        rows: [4],
        failing: 1,
      },
    ]);
  });

  test("--format markdown and --format annotations render the same result", async () => {
    const files = { "bad.csv": BAD, "p.yml": POLICY };
    const md = memoryIo(files);
    expect(
      await runCli(["check-data", "bad.csv", "--policy", "p.yml", "--format", "markdown"], md),
    ).toBe(1);
    expect(md.out.split("\n")[0]).toBe("### ❌ Data checks failed: 3 of 8 checks");
    const notes = memoryIo(files);
    const argv = ["check-data", "bad.csv", "--policy", "p.yml", "--format", "annotations"];
    expect(await runCli(argv, notes)).toBe(1);
    expect(
      JSON.parse(notes.out).map((a: { start_line: number; title: string }) => [
        a.start_line,
        a.title,
      ]),
    ).toEqual([
      [5, "id.unique: expected no repeated values"],
      [5, "age.min: expected >= 0"],
      [4, "age.max: expected <= 120"],
    ]);
  });

  test("--reference adds drift; a drifted dataset exits 1 even when every check passes", async () => {
    const io = memoryIo({
      "cur.csv": generateChurnCsv({ rows: 1500, seed: 2, drift: 1 }),
      "ref.csv": generateChurnCsv({ rows: 1500, seed: 3 }),
      ".github/mlops.yml": `model: churn
environments_repo: o/r
datasets:
  train:
    path: data/train.csv
    checks:
      columns: { customer_id: { unique: true } }
      drift: { share: 0.3, ignore: [churn] }
training: { runner: local, local: { command: [x] } }
`,
    });
    const argv = [
      "check-data",
      "cur.csv",
      "--policy",
      ".github/mlops.yml",
      "--reference",
      "ref.csv",
      "--format",
      "json",
    ];
    expect(await runCli(argv, io)).toBe(1);
    const result = JSON.parse(io.out);
    expect(result.checks.every((c: { passed: boolean }) => c.passed)).toBe(true);
    expect(result.drift.threshold).toBe(0.3);
    expect(result.drift.drifted).toBe(true);
    expect(result.drift.columns.map((c: { column: string }) => c.column)).toEqual([
      "tenure_months",
      "monthly_charges",
      "total_charges",
      "num_products",
      "has_support_calls",
      "plan",
    ]);
    const monthly = result.drift.columns.find(
      (c: { column: string }) => c.column === "monthly_charges",
    );
    expect({
      method: monthly.method,
      threshold: monthly.threshold,
      drifted: monthly.drifted,
    }).toEqual({
      method: "wasserstein",
      threshold: 0.1,
      drifted: true,
    });
  });
});

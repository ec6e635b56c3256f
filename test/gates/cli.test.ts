import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { runCli } from "../../bin/cli.ts";
import { memoryIo } from "../memory-io.ts";

const fairnessCsv = readFileSync(
  new URL("../fixtures/gates/fairness-one-attribute.csv", import.meta.url),
  "utf8",
);

const FILES: Record<string, string> = {
  "good.json": '{"accuracy": 0.91, "roc_auc": 0.93}',
  "bad.json": '{"accuracy": 0.8412, "roc_auc": 0.93}',
  "nan.json": '{"accuracy": NaN}',
  "prod.json": '{"metrics": {"accuracy": 0.92, "roc_auc": 0.93}}',
  "seed.yml": "metrics:\n  accuracy: { min: 0.85 }\n  roc_auc: { min: 0.88 }\n",
  "regress.yml":
    "metrics:\n  accuracy: { min: 0.85 }\nregression:\n  against: production\n  max_drop: { accuracy: 0.01 }\n",
  ".github/mlops.yml": "model: churn\ngates:\n  metrics:\n    accuracy: { min: 0.95 }\n",
  "fair.yml":
    "fairness:\n  sensitive: [gender]\n  metrics:\n    demographic_parity_difference: { max: 0.3 }\n",
  "broken.yml": "metrics:\n  accuracy: { min: 0.9, max: 0.8 }\n  roc_auc: { min: high }\n",
  "p.csv": fairnessCsv,
  "ragged.csv": "label,prediction,gender\n1,1\n",
};

async function run(...argv: string[]) {
  const io = memoryIo(FILES);
  const code = await runCli(["gate", ...argv], io);
  return { code, out: io.out, err: io.err };
}

const USAGE_LINE =
  "usage: mlops gate --metrics <metrics.json> --policy <file.yml> [--baseline <metrics.json>]";

describe("mlops gate: verdicts and exit codes", () => {
  test.each([
    [
      "passing gates exit 0",
      ["--metrics", "good.json", "--policy", "seed.yml"],
      0,
      "quality gates passed: 2 passed\n  pass metrics.accuracy: accuracy 0.9100 ≥ 0.8500\n  pass metrics.roc_auc: roc_auc 0.9300 ≥ 0.8800\n",
      "",
    ],
    [
      "a failing gate exits 1",
      ["--metrics", "bad.json", "--policy", "seed.yml"],
      1,
      "quality gates failed: 1 failed, 1 passed\n  FAIL metrics.accuracy: accuracy 0.8412 below threshold 0.8500\n  pass metrics.roc_auc: roc_auc 0.9300 ≥ 0.8800\n",
      "",
    ],
    [
      "the gates: block of a .github/mlops.yml",
      ["--metrics", "good.json", "--policy", ".github/mlops.yml"],
      1,
      "quality gates failed: 1 failed\n  FAIL metrics.accuracy: accuracy 0.9100 below threshold 0.9500\n",
      "",
    ],
    [
      "a regression against the baseline",
      ["--metrics", "good.json", "--policy", "regress.yml", "--baseline", "prod.json"],
      0,
      "quality gates passed: 2 passed\n  pass metrics.accuracy: accuracy 0.9100 ≥ 0.8500\n  pass regression.max_drop.accuracy: accuracy 0.9100 dropped 0.0100 from production's 0.9200; allowed drop is 0.0100\n",
      "",
    ],
    [
      "no baseline: regression skipped, said on stderr, exit 0",
      ["--metrics", "good.json", "--policy", "regress.yml"],
      0,
      "quality gates passed: 1 passed, 1 skipped\n  skip regression.max_drop.accuracy: accuracy regression not checked: no baseline metrics from production (nothing serves there yet); it is checked once production reports it\n  pass metrics.accuracy: accuracy 0.9100 ≥ 0.8500\n",
      "mlops gate: no --baseline given: regression gates against production are skipped\n",
    ],
    [
      "fairness from predictions",
      ["--metrics", "good.json", "--policy", "fair.yml", "--predictions", "p.csv"],
      0,
      "quality gates passed: 1 passed\n  pass fairness.metrics.demographic_parity_difference: demographic_parity_difference 0.2720 ≤ 0.3000\n",
      "",
    ],
    [
      "predictions without fairness gates are noted",
      ["--metrics", "good.json", "--policy", "seed.yml", "--predictions", "p.csv"],
      0,
      "quality gates passed: 2 passed\n  pass metrics.accuracy: accuracy 0.9100 ≥ 0.8500\n  pass metrics.roc_auc: roc_auc 0.9300 ≥ 0.8800\n",
      "mlops gate: --predictions is unused: the gates have no fairness block\n",
    ],
  ])("%s", async (_name, argv, code, out, err) => {
    expect(await run(...argv)).toEqual({ code, out, err });
  });

  test("--format json prints one JSON document", async () => {
    const { code, out } = await run(
      "--metrics",
      "bad.json",
      "--policy",
      "seed.yml",
      "--format",
      "json",
    );
    expect(code).toBe(1);
    const report = JSON.parse(out);
    expect(report.passed).toBe(false);
    expect(report.counts).toEqual({ passed: 1, failed: 1, skipped: 0 });
    expect(report.results.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([
      ["metrics.accuracy", "failed"],
      ["metrics.roc_auc", "passed"],
    ]);
  });

  test("--format markdown prints the comment section", async () => {
    const { code, out } = await run(
      "--metrics",
      "good.json",
      "--policy",
      "regress.yml",
      "--baseline",
      "prod.json",
      "--format",
      "markdown",
    );
    expect(code).toBe(0);
    expect(out.split("\n").slice(0, 5)).toEqual([
      "### ✅ Quality gates passed: 2 passed",
      "",
      "| metric | candidate | production | delta | gate | verdict |",
      "| --- | ---: | ---: | ---: | --- | --- |",
      "| accuracy | 0.9100 | 0.9200 | -0.0100 | ≥ 0.8500; ≥ 0.9100 (vs production) | ✅ pass |",
    ]);
  });
});

describe("mlops gate: bad usage and unreadable input exit 2 with one line each", () => {
  test.each([
    ["no --metrics", ["--policy", "seed.yml"], "mlops gate: --metrics is required"],
    ["no --policy", ["--metrics", "good.json"], "mlops gate: --policy is required"],
    [
      "an unknown flag",
      ["--metrics", "good.json", "--policy", "seed.yml", "--strict"],
      "mlops gate: Unknown option '--strict'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"--strict\"",
    ],
    [
      "a bad format",
      ["--metrics", "good.json", "--policy", "seed.yml", "--format", "html"],
      'mlops gate: --format must be one of text, json, markdown, not "html"',
    ],
    [
      "a positional argument",
      ["good.json", "--policy", "seed.yml"],
      'mlops gate: unexpected argument "good.json"; pass files with --metrics and --policy',
    ],
  ])("%s", async (_name, argv, first) => {
    const { code, out, err } = await run(...argv);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err.split("\n").slice(0, 2)).toEqual([first, USAGE_LINE]);
  });

  test.each([
    [
      "a missing metrics file",
      ["--metrics", "nope.json", "--policy", "seed.yml"],
      "mlops gate: nope.json: no such file; check the path\n",
    ],
    [
      "a missing policy",
      ["--metrics", "good.json", "--policy", "nope.yml"],
      "mlops gate: nope.yml: no such file; check the path\n",
    ],
    [
      "NaN in the metrics",
      ["--metrics", "nan.json", "--policy", "seed.yml"],
      'mlops gate: nan.json: metric "accuracy" is NaN, not a finite number; write it as a number or leave it out\n',
    ],
    [
      "an invalid policy: every error at file:line:column",
      ["--metrics", "good.json", "--policy", "broken.yml"],
      'broken.yml:3:19: metrics.roc_auc.min: expected a number, got the string "high"; write a number\n',
    ],
    [
      "a ragged predictions CSV",
      ["--metrics", "good.json", "--policy", "fair.yml", "--predictions", "ragged.csv"],
      "mlops gate: ragged.csv: line 2 has 2 fields, the header has 3; quote fields that contain commas\n",
    ],
  ])("%s", async (_name, argv, err) => {
    expect(await run(...argv)).toEqual({ code: 2, out: "", err });
  });
});

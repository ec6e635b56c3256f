import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { faultRows } from "../../examples/churn/generate-data.ts";
import {
  checks,
  churnCsv,
  comments,
  type Harness,
  headSha,
  mlopsYml,
  openPull,
  startHarness,
} from "./harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe("pull requests", () => {
  test("good data: data passes, the example trainer runs, gates pass, one comment with the metrics table and deltas", async () => {
    const n = await openPull(h, {
      branch: "more-data",
      files: { "data/train.csv": churnCsv({ rows: 2500 }) },
    });
    const sha = headSha(h, n);
    const got = checks(h, sha);
    expect(got.map((c) => [c.name, c.status, c.conclusion, c.title])).toEqual([
      ["mlops/config", "completed", "success", "Configuration is valid"],
      ["mlops/data", "completed", "success", "Data checks passed (1 dataset)"],
      ["mlops/gates", "completed", "success", "Quality gates passed: 3 passed"],
    ]);
    expect(h.runs.map((r) => [r.mlops_commit, r.mlops_reason, r.mlops_pr])).toEqual([
      [sha, "pull_request", String(n)],
    ]);
    expect(got[2]?.externalId).toBe(String(h.runs[0]?.mlops_correlation_id));
    const list = comments(h, n);
    expect(list.map((c) => c.user)).toEqual(["mlops-bot[bot]"]);
    const body = list[0]?.body ?? "";
    for (const part of [
      "<!-- mlops-bot:report -->",
      "Data checks passed",
      "| metric | candidate | production | delta | gate | verdict |",
      "| accuracy | 0.8611 | 0.8600 | +0.0011 | ≥ 0.8500; ≥ 0.8500 (vs production) | ✅ pass |",
      "xychart-beta",
      `| commit | \`${sha}\` |`,
      `Run: [training run](http://sim.local/acme/churn/actions/runs/`,
    ]) {
      expect(body).toContain(part);
    }
    expect(body).not.toContain("### Training");
    expect(h.log.errors()).toEqual([]);
  });

  test("bad data: mlops/data fails with annotations at the offending lines, and nothing is trained", async () => {
    const before = h.runs.length;
    const csv = churnCsv({ faults: { negativeTenure: 3, invalidChurn: 2 } });
    const n = await openPull(h, { branch: "bad-data", files: { "data/train.csv": csv } });
    const sha = headSha(h, n);
    const got = checks(h, sha);
    expect(got.map((c) => [c.name, c.conclusion, c.title])).toEqual([
      ["mlops/config", "success", "Configuration is valid"],
      ["mlops/data", "failure", "Data checks failed: train"],
      ["mlops/gates", "skipped", "Training not started"],
    ]);
    // Data rows start on line 2; the generator shifts invalid churn rows by two.
    const negative = faultRows(2000, 3).map((r) => r + 2);
    const churn2 = faultRows(2000, 2).map((r) => r + 2 + 2);
    expect(negative).toEqual([502, 1002, 1502]);
    expect(churn2).toEqual([670, 1337]);
    const annotations = got[1]?.annotations.map((a) => [
      a.path,
      a.start_line,
      a.annotation_level,
      a.title,
    ]);
    expect(annotations).toEqual([
      ...negative.map((l) => ["data/train.csv", l, "failure", "tenure_months.min: expected >= 0"]),
      ...churn2.map((l) => ["data/train.csv", l, "failure", "churn.in: expected in [0, 1]"]),
    ]);
    expect(h.runs.length).toBe(before);
    const body = comments(h, n)[0]?.body ?? "";
    expect(body).toContain("Training was not started because the data checks failed.");
  });

  test("an invalid .github/mlops.yml: mlops/config fails at the line, and nothing else runs", async () => {
    const before = h.runs.length;
    const broken = mlopsYml().replace("  runner: github-actions", "  runner: jenkins");
    const n = await openPull(h, { branch: "bad-config", files: { ".github/mlops.yml": broken } });
    const got = checks(h, headSha(h, n));
    expect(got.map((c) => [c.name, c.conclusion, c.title])).toEqual([
      ["mlops/config", "failure", "Configuration invalid: 1 error"],
    ]);
    const line = broken.split("\n").indexOf("  runner: jenkins") + 1;
    expect(got[0]?.annotations.map((a) => [a.path, a.start_line, a.annotation_level])).toEqual([
      [".github/mlops.yml", line, "failure"],
    ]);
    expect(h.runs.length).toBe(before);
    expect(comments(h, n)[0]?.body).toContain("Configuration invalid: 1 error");
  });
});

describe("a model worse than production", () => {
  let worse: Harness;
  beforeAll(async () => {
    worse = await startHarness({ production: { accuracy: 0.95, roc_auc: 0.97 } });
  });
  afterAll(() => worse.close());

  test("mlops/gates fails and shows the delta against production", async () => {
    const n = await openPull(worse, {
      branch: "more-data",
      files: { "data/train.csv": churnCsv({ rows: 2500 }) },
    });
    const gates = checks(worse, headSha(worse, n)).find((c) => c.name === "mlops/gates");
    expect([gates?.conclusion, gates?.title]).toEqual([
      "failure",
      "Quality gates failed: 1 failed, 2 passed",
    ]);
    expect(gates?.summary).toContain(
      "| accuracy | 0.8611 | 0.9500 | -0.0889 | ≥ 0.8500; ≥ 0.9400 (vs production) | ❌ fail |",
    );
    expect(comments(worse, n)[0]?.body).toContain("-0.0889");
  });
});

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { generateChurnCsv } from "../../examples/churn/generate-data.ts";
import type { MlopsConfig } from "../../lib/config/types.gen.ts";
import { deferredNote, withBasePolicy } from "../../lib/pipeline/base-policy.ts";
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

const base: MlopsConfig = {
  model: "churn",
  datasets: {
    train: { path: "data/train.csv", checks: { columns: { tenure: { max: 120 } } } },
  },
  gates: { metrics: { accuracy: { min: 0.85 } } },
};

describe("withBasePolicy: gates and data checks come from the base branch", () => {
  test.each<[string, MlopsConfig, MlopsConfig | null, Partial<MlopsConfig>, string[]]>([
    ["no base config: the head's is used", { ...base, gates: {} }, null, { gates: {} }, []],
    ["unchanged policy: nothing deferred", base, base, { gates: base.gates }, []],
    [
      "weakened gates: the base's apply",
      { ...base, gates: { metrics: { accuracy: { min: 0 } } } },
      base,
      { gates: base.gates },
      ["gates"],
    ],
    [
      "gates removed: the base's still apply",
      { model: "churn", datasets: base.datasets },
      base,
      { gates: base.gates },
      ["gates"],
    ],
    [
      "relaxed data checks: the base's apply, the path is the head's",
      {
        ...base,
        datasets: { train: { path: "data/v2.csv", checks: { columns: { tenure: { max: 999 } } } } },
      },
      base,
      {
        datasets: {
          train: { path: "data/v2.csv", checks: { columns: { tenure: { max: 120 } } } },
        },
      },
      ["datasets.train.checks"],
    ],
    [
      "a dataset new in the pull request keeps its own checks",
      {
        ...base,
        datasets: { ...base.datasets, extra: { path: "x.csv", checks: { rows: { min: 1 } } } },
      },
      base,
      {
        datasets: { ...base.datasets, extra: { path: "x.csv", checks: { rows: { min: 1 } } } },
      },
      [],
    ],
  ])("%s", (_name, head, baseConfig, expected, deferred) => {
    const result = withBasePolicy({ head, base: baseConfig });
    expect(result.config).toMatchObject(expected);
    expect(result.deferred).toEqual(deferred);
  });

  test("the note names what waits for the merge", () => {
    expect(deferredNote([])).toBeNull();
    expect(deferredNote(["gates", "datasets.train.checks"])).toBe(
      "This pull request changes `gates`, `datasets.train.checks` in `.github/mlops.yml`. Checks that judge a change come from the base branch, so this run uses the base branch's; the new ones take effect once this is merged.",
    );
  });
});

describe("a pull request cannot weaken what judges it (end to end)", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  test("relaxing tenure's max and adding tenure 130: mlops/data still fails, and says why", async () => {
    const relaxed = mlopsYml().replace("min: 0, max: 120", "min: 0, max: 1000");
    const n = await openPull(h, {
      branch: "relax-checks",
      files: {
        ".github/mlops.yml": relaxed,
        "data/train.csv": churnCsv({ rows: 2000, faults: { tenureOver120: 1 } }),
      },
    });
    const got = checks(h, headSha(h, n));
    expect(got.map((c) => [c.name, c.conclusion])).toEqual([
      ["mlops/config", "success"],
      ["mlops/data", "failure"],
      ["mlops/gates", "skipped"],
    ]);
    expect(got[0]?.summary).toContain("This pull request changes `datasets.train.checks`");
    expect(comments(h, n)[0]?.body).toContain("Policy changes wait for the merge");
  });

  test("raising the accuracy gate to 0.99 in the PR → the base's 0.85 judges the run", async () => {
    const stricter = mlopsYml().replace("accuracy: { min: 0.85 }", "accuracy: { min: 0.99 }");
    const n = await openPull(h, {
      branch: "stricter-gates",
      files: { ".github/mlops.yml": stricter, "data/train.csv": churnCsv({ rows: 2500 }) },
    });
    const got = checks(h, headSha(h, n));
    expect(got.map((c) => [c.name, c.conclusion])).toEqual([
      ["mlops/config", "success"],
      ["mlops/data", "success"],
      ["mlops/gates", "success"],
    ]);
    expect(got[0]?.summary).toContain("This pull request changes `gates`");
  });
});

describe("drift against a dataset's reference", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  test("data drifted from the reference fails mlops/data with the drift table", async () => {
    // The pull request brings the reference and drifted data; the checks stay the base's.
    const config = mlopsYml().replace(
      "    path: data/train.csv\n",
      "    path: data/train.csv\n    reference: data/reference.csv\n",
    );
    const drifted = generateChurnCsv({ rows: 2000, seed: 21, drift: 1 });
    const n = await openPull(h, {
      branch: "drifted",
      files: {
        ".github/mlops.yml": config,
        "data/reference.csv": churnCsv({ rows: 2000, seed: 20 }),
        "data/train.csv": drifted,
      },
    });
    const data = checks(h, headSha(h, n)).find((c) => c.name === "mlops/data");
    expect(data?.conclusion).toBe("failure");
    expect(data?.summary).toContain("Drift:");
    expect(h.log.errors()).toEqual([]);
  });
});

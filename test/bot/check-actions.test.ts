import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import {
  checks,
  churnCsv,
  type Harness,
  headSha,
  openPull,
  REPO,
  startHarness,
} from "./harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** The id of the bot's check run `name` on `sha`. */
function checkId(sha: string, name: string): number {
  for (const c of h.sim.state.checkRuns.values()) {
    if (c.repo === REPO && c.headSha === sha && c.name === name) return c.id;
  }
  throw new Error(`no ${name} on ${sha}`);
}

describe("clicks on a fork's checks (GitHub sends them with an empty pull_requests)", () => {
  let sha = "";

  test("Re-run on the waiting gates check runs the pull request's pipeline again, still without training", async () => {
    const n = await openPull(h, {
      branch: "fork-clicks",
      author: "contributor",
      fork: true,
      files: { "data/train.csv": churnCsv({ rows: 2500 }) },
    });
    sha = headSha(h, n);
    h.sim.script.clickCheckRun({
      repo: REPO,
      checkRunId: checkId(sha, "mlops/gates"),
      user: "maintainer",
    });
    await h.sim.idle();
    expect(checks(h, sha).map((c) => [c.name, c.status, c.title])).toEqual([
      ["mlops/config", "completed", "Configuration is valid"],
      ["mlops/data", "completed", "Data checks passed (1 dataset)"],
      ["mlops/gates", "queued", "Waiting for a maintainer to approve training"],
    ]);
    expect(h.runs).toEqual([]);
  });

  test("the Train button, clicked by someone without write access, trains nothing", async () => {
    h.sim.script.clickCheckRun({
      repo: REPO,
      checkRunId: checkId(sha, "mlops/gates"),
      user: "outsider",
      action: "retrain",
    });
    await h.sim.idle();
    expect(h.runs).toEqual([]);
  });

  test("the Train button, clicked by a maintainer, trains the fork's commit once", async () => {
    h.sim.script.clickCheckRun({
      repo: REPO,
      checkRunId: checkId(sha, "mlops/gates"),
      user: "maintainer",
      action: "retrain",
    });
    await h.sim.idle();
    expect(h.runs.map((r) => [r.mlops_commit, r.mlops_reason])).toEqual([[sha, "retrain"]]);
    expect(checks(h, sha).find((c) => c.name === "mlops/gates")?.conclusion).toBe("success");
  });
});

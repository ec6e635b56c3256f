import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { checks, churnCsv, type Harness, REPO, startHarness } from "./harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const bot = () => [...h.sim.state.installations.values()][0]!;

describe("the default branch and continuous-training triggers", () => {
  test("a push to main changing the data: the pipeline on the pushed sha, reason data_change, no comment", async () => {
    const sha = await h.sim.script.pushCommit({
      repo: REPO,
      branch: "main",
      files: { "data/train.csv": churnCsv({ rows: 2500 }) },
      message: "new data",
      author: "maintainer",
    });
    await h.sim.idle();
    expect(checks(h, sha).map((c) => [c.name, c.conclusion])).toEqual([
      ["mlops/config", "success"],
      ["mlops/data", "success"],
      ["mlops/gates", "success"],
    ]);
    expect(h.runs.map((r) => [r.mlops_commit, r.mlops_reason, r.mlops_pr])).toEqual([
      [sha, "data_change", ""],
    ]);
    expect([...h.sim.state.comments.values()]).toEqual([]);
    expect(
      h.log.lines.some((l) => l.message.includes("not built yet (onGatesPassedOnDefaultBranch)")),
    ).toBe(true);
  });

  test("a push to another branch runs nothing", async () => {
    const sha = await h.sim.script.pushCommit({
      repo: REPO,
      branch: "topic",
      files: { "notes.md": "x\n" },
      message: "notes",
      author: "maintainer",
    });
    await h.sim.idle();
    expect(checks(h, sha)).toEqual([]);
  });

  test.each([
    ["mlops-drift", "drift"],
    ["data-drift", "drift"],
    ["mlops-degradation", "degradation"],
  ])("repository_dispatch %s retrains main with reason %s", async (eventType, reason) => {
    const before = h.runs.length;
    const token = h.sim.script.installationToken(bot().id);
    const res = await h.sim.fetch(`${h.sim.url}/repos/${REPO}/dispatches`, {
      method: "POST",
      headers: { authorization: `token ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ event_type: eventType, client_payload: { id: `alert-${eventType}` } }),
    });
    expect(res.status).toBe(204);
    await h.sim.idle();
    const main = await h.sim.script.branchSha({ repo: REPO, branch: "main" });
    expect(h.runs.slice(before).map((r) => [r.mlops_commit, r.mlops_reason])).toEqual([
      [main, reason],
    ]);
  });

  test("an unknown repository_dispatch type trains nothing", async () => {
    const before = h.runs.length;
    const token = h.sim.script.installationToken(bot().id);
    await h.sim.fetch(`${h.sim.url}/repos/${REPO}/dispatches`, {
      method: "POST",
      headers: { authorization: `token ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ event_type: "deploy" }),
    });
    await h.sim.idle();
    expect(h.runs.length).toBe(before);
  });

  test("the scheduler dispatches each due cron slot once, driven by the clock", async () => {
    const before = h.runs.length;
    // The harness starts Monday 2026-01-05 02:30Z; the weekly "0 3 * * 1" slot is 03:00Z. (The sim
    // expires installation tokens an hour after they were minted, by its clock: stay within it.)
    h.clock.set(new Date("2026-01-05T02:50:00Z"));
    expect(await h.scheduler.tick()).toBe(0);
    h.clock.set(new Date("2026-01-05T03:10:00Z"));
    expect(await h.scheduler.tick()).toBe(1);
    expect(await h.scheduler.tick()).toBe(0);
    await h.sim.idle();
    expect(h.runs.slice(before).map((r) => r.mlops_reason)).toEqual(["schedule"]);
  });
});

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { signBody } from "../../sim/webhooks/sign.ts";
import {
  checks,
  churnCsv,
  comments,
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

const report = (list: { body: string }[]) =>
  list.filter((c) => c.body.includes("<!-- mlops-bot:report -->"));

describe("webhook delivery", () => {
  test("every webhook delivered three times: one comment, one dispatch, one set of check runs", async () => {
    h.sim.webhooks.faults.duplicate = 1000;
    try {
      const before = h.runs.length;
      const n = await openPull(h, {
        branch: "tripled",
        files: { "data/train.csv": churnCsv({ rows: 2500 }) },
      });
      // The duplicate fault delivers each event twice; redelivering every one of this PR's events once more makes three.
      for (const d of h.sim.webhooks.log.filter(
        (r) =>
          !r.redelivery &&
          r.status === "delivered" &&
          ["pull_request", "workflow_run"].includes(r.event),
      )) {
        h.sim.webhooks.redeliver(d.id);
      }
      await h.sim.idle();
      const sha = headSha(h, n);
      expect(checks(h, sha).map((c) => [c.name, c.conclusion])).toEqual([
        ["mlops/config", "success"],
        ["mlops/data", "success"],
        ["mlops/gates", "success"],
      ]);
      expect(h.runs.length - before).toBe(1);
      expect(report(comments(h, n)).length).toBe(1);
      expect(comments(h, n).length).toBe(1);
      expect(h.log.errors()).toEqual([]);
    } finally {
      h.sim.webhooks.faults.duplicate = 0;
    }
  });

  test("a 502 from GitHub once is retried by octokit: still one comment", async () => {
    h.sim.faults.inject({
      route: "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
      status: 502,
    });
    const n = await openPull(h, {
      branch: "flaky",
      files: { "data/train.csv": churnCsv({ rows: 2400 }) },
    });
    expect(report(comments(h, n)).length).toBe(1);
    expect(
      h.sim.counters.api.snapshot()["POST /repos/{owner}/{repo}/issues/{issue_number}/comments"],
    ).toBeGreaterThanOrEqual(2);
    expect(h.log.errors()).toEqual([]);
  });

  test("a forged signature is refused and nothing runs", async () => {
    const body = JSON.stringify({ action: "opened", number: 99 });
    const cases = [
      { signature: await signBody("not-the-secret", body), why: "signed with another secret" },
      { signature: "", why: "unsigned" },
    ];
    for (const c of cases) {
      const calls = h.sim.counters.api.total();
      let refused = "";
      try {
        await h.probot.webhooks.verifyAndReceive({
          id: "forged",
          name: "pull_request",
          payload: body,
          signature: c.signature,
        });
      } catch (error) {
        refused = error instanceof Error ? error.message : String(error);
      }
      expect([c.why, refused.length > 0]).toEqual([c.why, true]);
      expect(h.sim.counters.api.total()).toBe(calls);
    }
  });
});

test("the sim's own deliveries go through the verifying path (a wrong secret fails them)", async () => {
  const other = await startHarness();
  try {
    other.sim.webhooks.subscribe({
      secret: "wrong",
      receive: (d) =>
        other.probot.webhooks.verifyAndReceive({
          id: d.id,
          name: d.name as never,
          payload: d.body,
          signature: d.headers["x-hub-signature-256"] ?? "",
        }),
    });
    await other.sim.script.pushCommit({
      repo: REPO,
      branch: "x",
      files: { "x.txt": "1" },
      message: "x",
      author: "maintainer",
    });
    await other.sim.idle();
    const last = other.sim.webhooks.log.at(-1);
    expect([last?.event, last?.status]).toEqual(["push", "failed"]);
    expect(last?.error).toContain("signature does not match");
  } finally {
    await other.close();
  }
});

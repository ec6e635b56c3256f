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
  // Triage may label pull requests but has no write access.
  h.sim.script.addCollaborator({ repo: REPO, login: "outsider", permission: "triage" });
});
afterAll(() => h.close());

/** Add or remove a label through the REST API as `user`; returns the HTTP status. */
async function label(
  user: string,
  number: number,
  change: "add" | "remove",
  name = "safe-to-train",
): Promise<number> {
  const headers = { authorization: `token ${h.tokens[user]}`, "content-type": "application/json" };
  const url = `${h.sim.url}/repos/${REPO}/issues/${number}/labels`;
  const res =
    change === "add"
      ? await h.sim.fetch(url, {
          method: "POST",
          headers,
          body: JSON.stringify({ labels: [name] }),
        })
      : await h.sim.fetch(`${url}/${name}`, { method: "DELETE", headers });
  await h.sim.idle();
  return res.status;
}

const gates = (sha: string) => {
  const g = checks(h, sha).find((c) => c.name === "mlops/gates");
  return [g?.status, g?.conclusion, g?.title];
};
const WAITING = ["queued", null, "Waiting for a maintainer to approve training"];

describe("the approval label on a fork's pull request", () => {
  let n = 0;
  let sha = "";

  test("label changes arrive as pull_request.labeled / unlabeled with the label and the sender", async () => {
    n = await openPull(h, {
      branch: "fork-label",
      author: "contributor",
      fork: true,
      files: { "data/train.csv": churnCsv({ rows: 2500 }) },
    });
    sha = headSha(h, n);
    expect(gates(sha)).toEqual(WAITING);
    const from = h.sim.webhooks.log.length;
    expect(await label("outsider", n, "add")).toBe(200);
    expect(await label("outsider", n, "remove")).toBe(200);
    const events = h.sim.webhooks.log
      .slice(from)
      .map((d) => [
        d.event,
        d.action,
        (d.payload.label as { name: string }).name,
        (d.payload.sender as { login: string }).login,
      ]);
    expect(events).toEqual([
      ["pull_request", "labeled", "safe-to-train", "outsider"],
      ["pull_request", "unlabeled", "safe-to-train", "outsider"],
    ]);
  });

  test("added by someone without write access (triage), it does not approve: nothing trains", () => {
    expect(h.runs).toEqual([]);
    expect(gates(sha)).toEqual(WAITING);
    expect(h.log.lines.map((l) => l.message)).toContain(
      `acme/churn#${n}: outsider added "safe-to-train" but has triage access; training needs a maintainer's approval`,
    );
  });

  test("another label, even from a maintainer, approves nothing", async () => {
    expect(await label("maintainer", n, "add", "needs-review")).toBe(200);
    expect(h.runs).toEqual([]);
    expect(gates(sha)).toEqual(WAITING);
  });

  test("a maintainer adds it: training runs on the fork's head and the gates complete", async () => {
    expect(await label("maintainer", n, "add")).toBe(200);
    expect(h.runs.map((r) => [r.mlops_commit, r.mlops_reason, r.mlops_pr])).toEqual([
      [sha, "pull_request", String(n)],
    ]);
    expect(gates(sha)).toEqual(["completed", "success", "Quality gates passed: 3 passed"]);
  });

  test("a commit pushed after the approval waits again, although the label is still there", async () => {
    await h.sim.script.pushCommit({
      repo: "contributor/churn",
      branch: "fork-label",
      files: { "data/train.csv": churnCsv({ rows: 2600 }) },
      message: "more",
      author: "contributor",
    });
    await h.sim.idle();
    const next = headSha(h, n);
    expect(next).not.toBe(sha);
    expect(gates(next)).toEqual(WAITING);
    expect(h.runs.length).toBe(1);
  });
});

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { replyMarker } from "../../bot/handlers/issue-comment.ts";
import {
  checks,
  churnCsv,
  comments,
  type Harness,
  headSha,
  mlopsYml,
  openPull,
  REPO,
  startHarness,
} from "./harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe("a pull request from a fork", () => {
  let n = 0;
  let sha = "";

  test("data checks run, training waits for a maintainer, and the check says so plainly", async () => {
    // The fork also tries to turn fork approval off: config for fork PRs comes from the base branch.
    const sneaky = mlopsYml().replace("forks: require-approval", "forks: allow");
    n = await openPull(h, {
      branch: "fork-data",
      author: "contributor",
      fork: true,
      files: { "data/train.csv": churnCsv({ rows: 2500 }), ".github/mlops.yml": sneaky },
    });
    sha = headSha(h, n);
    expect(checks(h, sha).map((c) => [c.name, c.status, c.conclusion, c.title])).toEqual([
      ["mlops/config", "completed", "success", "Configuration is valid"],
      ["mlops/data", "completed", "success", "Data checks passed (1 dataset)"],
      ["mlops/gates", "queued", null, "Waiting for a maintainer to approve training"],
    ]);
    expect(checks(h, sha)[2]?.summary).toBe(
      "This pull request comes from a fork: data checks ran, but training waits until a maintainer comments `/retrain` or adds the `safe-to-train` label.",
    );
    expect(h.runs).toEqual([]);
  });

  test("/retrain by someone without write access is refused with a reply, and nothing trains", async () => {
    const id = h.sim.script.comment({
      repo: REPO,
      number: n,
      user: "outsider",
      body: "Please train it\n/retrain\n",
    });
    await h.sim.idle();
    const reply = comments(h, n).find((c) => c.body.includes(replyMarker(id)));
    expect(reply?.body).toBe(
      `${replyMarker(id)}\n@outsider \`/retrain\` needs write access to this repository (yours: read); ask a maintainer to comment \`/retrain\`.`,
    );
    expect(h.runs).toEqual([]);
  });

  test("/retrain by a maintainer: acknowledged, answered once, training runs and the gates complete", async () => {
    const id = h.sim.script.comment({
      repo: REPO,
      number: n,
      user: "maintainer",
      body: "/retrain",
    });
    await h.sim.idle();
    expect(h.runs.map((r) => [r.mlops_commit, r.mlops_reason])).toEqual([[sha, "retrain"]]);
    const all = comments(h, n);
    expect(all.find((c) => c.id === id)?.reactions).toEqual(["+1"]);
    const reply = all.filter((c) => c.body.includes(replyMarker(id)));
    expect(reply.length).toBe(1);
    expect(reply[0]?.body).toBe(
      `${replyMarker(id)}\n@maintainer training dispatched for \`${sha.slice(0, 7)}\` (correlation id \`${h.runs[0]?.mlops_correlation_id}\`).`,
    );
    const gates = checks(h, sha).find((c) => c.name === "mlops/gates");
    expect([gates?.status, gates?.conclusion]).toEqual(["completed", "success"]);
    expect(all.filter((c) => c.body.includes("<!-- mlops-bot:report -->")).length).toBe(1);
  });
});

// Deno smoke suite for the bot: Probot, the sim and the whole pull request pipeline run on Deno 2.
import assert from "node:assert/strict";
import { attachBot, withTraining } from "../../bin/commands/sim-with-bot.ts";
import { generateChurnCsv } from "../../examples/churn/generate-data.ts";
import { createSim } from "../../sim/index.ts";
import { readFolder, seedPlayground } from "../../sim/seed.ts";

Deno.test({
  name: "a pull request on the sim gets the bot's three checks and one report comment",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const sim = await createSim();
    try {
      const bot = attachBot(sim, {
        log: { info() {}, warn() {}, error: (m: string) => console.error(m) },
      });
      const mlRepo = withTraining(
        readFolder(new URL("../../examples/churn", import.meta.url).pathname),
      );
      const seeded = await seedPlayground(sim, { name: "churn", mlRepo, environments: null });
      bot.train(seeded.repositories[0]!);
      await sim.script.pushCommit({
        repo: "acme/churn",
        branch: "more",
        files: { "data/train.csv": generateChurnCsv({ rows: 2500, seed: 7 }) },
        message: "more data",
        author: "maintainer",
      });
      const number = await sim.script.openPullRequest({
        repo: "acme/churn",
        head: "more",
        title: "more",
        user: "maintainer",
      });
      await sim.idle();
      const checks = [...sim.state.checkRuns.values()]
        .map((c) => `${c.name}:${c.conclusion}`)
        .sort();
      assert.deepEqual(checks, [
        "mlops/config:success",
        "mlops/data:success",
        "mlops/gates:success",
      ]);
      const comments = [...sim.state.comments.values()].filter((c) => c.issueNumber === number);
      assert.equal(comments.length, 1);
      assert.ok(comments[0]!.body.includes("<!-- mlops-bot:report -->"));
    } finally {
      await sim.close();
    }
  },
});

Deno.test({
  name: "bot/runtime/deno.ts starts Probot's server: ping, installations listed, signed webhook accepted, forged refused",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const { runtimeSmoke } = await import("../bot/runtime-smoke.ts");
    const seen = await runtimeSmoke([Deno.execPath(), "run", "-A", "bot/runtime/deno.ts"]);
    assert.deepEqual(
      [seen.ping, seen.installedRepos, seen.signed, seen.forged],
      ["PONG", 2, 200, 400],
      seen.log,
    );
  },
});

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { botForge } from "../../bot/forge/bot-forge.ts";
import { createLocalRunner } from "../../bot/runners/local-runner.ts";
import type { Sim } from "../../sim/index.ts";
import {
  attachBot,
  type BotInstance,
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

const POLL_MS = 5_000;

// A tiny training command: metrics from the row count of the data at the commit.
const TRAIN = `import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
const rows = readFileSync("data/train.csv", "utf8").trim().split("\\n").length - 1;
mkdirSync("out", { recursive: true });
const accuracy = rows >= 2400 ? 0.9 : 0.84;
writeFileSync("out/metrics.json", JSON.stringify({ accuracy, roc_auc: 0.95, f1: 0.8, log_loss: 0.2, rows }));
`;

const TRAINING = `training:
  runner: local
  local:
    command: [node, train.mjs]
    timeout: 2m
  metrics_file: out/metrics.json
  metrics: [accuracy, roc_auc, f1, log_loss]
`;

/** The local runner's checkout: the files the command needs, at the dispatched commit. */
function localRunner(sim: Sim, root: string) {
  return createLocalRunner({
    root,
    async prepare({ request, dir }) {
      for (const path of ["train.mjs", "data/train.csv"]) {
        const bytes = await sim.script.readBytes({ repo: REPO, path, ref: request.sha });
        if (!bytes) throw new Error(`${path} missing at ${request.sha}`);
        await mkdir(dirname(join(dir, path)), { recursive: true });
        await writeFile(join(dir, path), bytes);
      }
    },
  });
}

let h: Harness;
let root: string;
let runner: ReturnType<typeof localRunner>;
const gates = (sha: string) => checks(h, sha).find((c) => c.name === "mlops/gates");

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "mlops-local-runs-"));
  h = await startHarness({
    config: mlopsYml({ training: TRAINING }),
    files: { "train.mjs": TRAIN },
    deps: {
      pollIntervalMs: POLL_MS,
      runners: {
        local: {
          kind: "local",
          dispatch: (req) => runner.dispatch(req),
          poll: (handle) => runner.poll(handle),
        },
      },
    },
  });
  runner = localRunner(h.sim, root);
  await h.instance.bot.start();
});
afterAll(async () => {
  await runner.idle();
  await h.close();
  rmSync(root, { recursive: true, force: true });
});

describe("the local runner, watched until it finishes", () => {
  let n = 0;
  let sha = "";

  test("start() sets the scheduler, the run poll and the resync intervals", () => {
    expect(h.instance.timers.periods()).toEqual([POLL_MS, 60_000, 600_000]);
  });

  test("a PR: data passes, the command runs, mlops/gates stays in progress until a poll finds the result", async () => {
    n = await openPull(h, {
      branch: "more-data",
      files: { "data/train.csv": churnCsv({ rows: 2500 }) },
    });
    sha = headSha(h, n);
    const id = gates(sha)?.externalId ?? "";
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(checks(h, sha).map((c) => [c.name, c.status, c.conclusion])).toEqual([
      ["mlops/config", "completed", "success"],
      ["mlops/data", "completed", "success"],
      ["mlops/gates", "in_progress", null],
    ]);
    expect(h.instance.bot.watcher.watching()).toEqual([`acme/churn#${id}`]);
    await runner.idle();
    // The result is on disk, but nothing happens until the watcher polls.
    expect(gates(sha)?.status).toBe("in_progress");
  });

  test("the poll completes mlops/gates through the workflow_run path: metrics, gates, one report", async () => {
    await h.instance.timers.fire(POLL_MS);
    await h.sim.idle();
    const g = gates(sha);
    expect([g?.status, g?.conclusion, g?.title]).toEqual([
      "completed",
      "success",
      "Quality gates passed: 3 passed",
    ]);
    expect(h.instance.bot.watcher.watching()).toEqual([]);
    const reports = comments(h, n).filter((c) => c.body.includes("<!-- mlops-bot:report -->"));
    expect(reports.length).toBe(1);
    // The command read the PR's data at its commit (2500 rows) and its metrics passed the gates.
    expect(reports[0]?.body).toContain(
      "| accuracy | 0.9000 | 0.8600 | +0.0400 | ≥ 0.8500; ≥ 0.8500 (vs production) | ✅ pass |",
    );
    expect(reports[0]?.body).toContain("| rows | 2500 | — | — |  |  |");
    expect(reports[0]?.body).toContain("| runner | local |");
    expect(h.log.errors()).toEqual([]);
  });

  test("a second completion of the same correlation id changes nothing", async () => {
    const id = gates(sha)?.externalId ?? "";
    const before = JSON.stringify([checks(h, sha), comments(h, n)]);
    h.sim.counters.reset();
    const forge = botForge(await h.probot.auth([...h.sim.state.installations.keys()][0]));
    h.instance.bot.watcher.watch({
      forge,
      repo: { owner: "acme", repo: "churn" },
      commit: sha,
      pullRequest: n,
      handle: {
        kind: "local",
        correlationId: id,
        repository: REPO,
        training: { runner: "local", local: { command: ["node", "train.mjs"] } },
        id: null,
        created: false,
      },
    });
    expect(await h.instance.bot.watcher.tick()).toBe(1);
    await h.sim.idle();
    expect(JSON.stringify([checks(h, sha), comments(h, n)])).toBe(before);
    const writes = Object.keys(h.sim.counters.api.snapshot()).filter((k) => !k.startsWith("GET"));
    expect(writes).toEqual([]);
  });

  test("restart: a new bot instance finds the run in progress and completes it", async () => {
    const m = await openPull(h, {
      branch: "restart",
      files: { "data/train.csv": churnCsv({ rows: 2600, seed: 11 }) },
    });
    const s = headSha(h, m);
    await runner.idle();
    // The first instance goes away before it polls; the run's result is on disk.
    h.instance.detach();
    expect(gates(s)?.status).toBe("in_progress");
    const fresh: BotInstance = attachBot(h.sim, {
      clock: h.clock,
      log: h.log,
      pollIntervalMs: POLL_MS,
      runners: { local: localRunner(h.sim, root) },
    });
    try {
      await fresh.bot.start();
      expect(fresh.bot.watcher.watching()).toEqual([`acme/churn#${gates(s)?.externalId}`]);
      await fresh.timers.fire(POLL_MS);
      await h.sim.idle();
      expect([gates(s)?.status, gates(s)?.conclusion]).toEqual(["completed", "success"]);
      expect(
        comments(h, m).filter((c) => c.body.includes("<!-- mlops-bot:report -->")).length,
      ).toBe(1);
    } finally {
      fresh.detach();
    }
  });
});

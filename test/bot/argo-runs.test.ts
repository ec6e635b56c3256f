import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createArgoRunner } from "../../lib/runners/argo.ts";
import { createFakeArgo } from "../runners/fake-argo.ts";
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
  startHarness,
} from "./harness.ts";

const POLL_MS = 5_000;
const TOKEN = "argo-token";

const TRAINING = `training:
  runner: argo
  argo: { url: "http://argo.test", namespace: ml, workflow_template: train-churn }
  metrics: [accuracy, roc_auc, f1, log_loss]
`;

const metrics = (accuracy: number) =>
  JSON.stringify({ accuracy, roc_auc: 0.95, f1: 0.8, log_loss: 0.2 });

let h: Harness;
const argo = createFakeArgo({ token: TOKEN, namespace: "ml", templates: ["train-churn"] });
const argoRunner = () =>
  createArgoRunner({ token: TOKEN, fetch: argo.handler, retry: { limit: 0, delayMs: 0 } });
const gates = (sha: string) => checks(h, sha).find((c) => c.name === "mlops/gates");
/** The workflow the bot submitted for `correlationId`. */
const workflowOf = (correlationId: string) =>
  [...argo.workflows.values()].find(
    (w) => w.metadata.labels["mlops-bot/correlation-id"] === correlationId,
  );
const reports = (n: number) =>
  comments(h, n).filter((c) => c.body.includes("<!-- mlops-bot:report -->"));

beforeAll(async () => {
  h = await startHarness({
    config: mlopsYml({ training: TRAINING }),
    deps: { pollIntervalMs: POLL_MS, runners: { argo: argoRunner() } },
  });
  await h.instance.bot.start();
});
afterAll(() => h.close());

describe("Argo Workflows runs, watched until they finish", () => {
  let n = 0;
  let sha = "";

  test("a PR submits one workflow labelled with the correlation id; mlops/gates waits while it runs", async () => {
    n = await openPull(h, {
      branch: "argo-data",
      files: { "data/train.csv": churnCsv({ rows: 2500 }) },
    });
    sha = headSha(h, n);
    const id = gates(sha)?.externalId ?? "";
    const wf = workflowOf(id);
    expect(argo.workflows.size).toBe(1);
    expect(wf?.metadata.labels).toEqual({
      "mlops-bot/correlation-id": id,
      "mlops-bot/reason": "pull_request",
    });
    argo.finish(wf!.metadata.name, { phase: "Running" });
    await h.instance.timers.fire(POLL_MS);
    await h.sim.idle();
    expect(gates(sha)?.status).toBe("in_progress");
    expect(h.instance.bot.watcher.watching()).toEqual([`acme/churn#${id}`]);
  });

  test("the workflow succeeds: the next poll reads its metrics output, completes the gates and the report", async () => {
    const wf = workflowOf(gates(sha)?.externalId ?? "")!;
    argo.finish(wf.metadata.name, {
      phase: "Succeeded",
      outputs: { parameters: [{ name: "metrics", value: metrics(0.91) }] },
    });
    await h.instance.timers.fire(POLL_MS);
    await h.sim.idle();
    const g = gates(sha);
    expect([g?.status, g?.conclusion, g?.title]).toEqual([
      "completed",
      "success",
      "Quality gates passed: 3 passed",
    ]);
    expect(h.instance.bot.watcher.watching()).toEqual([]);
    expect(reports(n).length).toBe(1);
    expect(reports(n)[0]?.body).toContain(
      "| accuracy | 0.9100 | 0.8600 | +0.0500 | ≥ 0.8500; ≥ 0.8500 (vs production) | ✅ pass |",
    );
    expect(h.log.errors()).toEqual([]);
  });

  test("a failed workflow fails mlops/gates with Argo's message", async () => {
    const m = await openPull(h, {
      branch: "argo-fail",
      files: { "data/train.csv": churnCsv({ rows: 2400, seed: 3 }) },
    });
    const s = headSha(h, m);
    const wf = workflowOf(gates(s)?.externalId ?? "")!;
    argo.finish(wf.metadata.name, { phase: "Failed", message: "OOMKilled" });
    await h.instance.timers.fire(POLL_MS);
    await h.sim.idle();
    expect([gates(s)?.status, gates(s)?.conclusion]).toEqual(["completed", "failure"]);
    expect(gates(s)?.summary).toContain(
      `the Argo workflow ${wf.metadata.name} ended Failed: OOMKilled`,
    );
  });
});

describe("after a restart, without a database", () => {
  let fresh: BotInstance;
  afterAll(() => fresh?.detach());

  test("a new bot instance finds the in-progress run on GitHub, polls Argo by label, and completes it", async () => {
    const m = await openPull(h, {
      branch: "argo-restart",
      files: { "data/train.csv": churnCsv({ rows: 2600, seed: 5 }) },
    });
    const s = headSha(h, m);
    const id = gates(s)?.externalId ?? "";
    // The first instance goes away; the workflow finishes while no bot is running.
    h.instance.detach();
    argo.finish(workflowOf(id)!.metadata.name, {
      phase: "Succeeded",
      outputs: { parameters: [{ name: "metrics", value: metrics(0.9) }] },
    });
    fresh = attachBot(h.sim, {
      clock: h.clock,
      log: h.log,
      pollIntervalMs: POLL_MS,
      runners: { argo: argoRunner() },
    });
    await fresh.bot.start();
    expect(fresh.bot.watcher.watching()).toEqual([`acme/churn#${id}`]);
    const lookups = argo.calls.length;
    await fresh.timers.fire(POLL_MS);
    await h.sim.idle();
    // The rebuilt handle has no workflow name: the runner found it by its correlation label.
    expect(argo.calls[lookups]).toBe(
      `GET /api/v1/workflows/ml?listOptions.labelSelector=mlops-bot%2Fcorrelation-id%3D${id}`,
    );
    expect([gates(s)?.status, gates(s)?.conclusion]).toEqual(["completed", "success"]);
    expect(reports(m).length).toBe(1);
    // A second resync finds nothing left in progress.
    await fresh.bot.resync();
    expect(fresh.bot.watcher.watching()).toEqual([]);
  });

  test("the fresh instance learned the installed repositories at startup and dispatches the cron slot with no prior event", async () => {
    expect([...fresh.bot.scheduler.known().keys()]).toEqual(["acme/churn", "acme/ml-environments"]);
    const before = argo.workflows.size;
    // The weekly "0 3 * * 1" slot: Monday 2026-01-05 03:00Z (the harness starts at 02:30Z).
    h.clock.set(new Date("2026-01-05T03:05:00Z"));
    expect(await fresh.bot.scheduler.tick()).toBe(1);
    await h.sim.idle();
    const submitted = [...argo.workflows.values()].slice(before);
    expect(submitted.map((w) => w.metadata.labels["mlops-bot/reason"])).toEqual(["schedule"]);
  });
});

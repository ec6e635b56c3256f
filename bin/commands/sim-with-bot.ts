/**
 * The `--with-bot` part of `mlops sim`: the bot in the same process as the sim, receiving its signed
 * webhooks through Probot's verifying path, with the Actions stand-in training the example churn model
 * on the data at the dispatched commit.
 */
import process from "node:process";
import { Probot } from "probot";
import { parse } from "yaml";
import { createMlopsBot, type MlopsBot } from "../../bot/app.ts";
import type { BotDeps } from "../../bot/deps.ts";
import { LocalProbotOctokit } from "../../bot/runtime/local-octokit.ts";
import { generateChurnCsv } from "../../examples/churn/generate-data.ts";
import { parseChurnCsv, trainAndEvaluate } from "../../examples/churn/train.ts";
import { manifestFromInputs } from "../../lib/pipeline/run-manifest.ts";
import { trainingWorkflow } from "../../lib/pipeline/workflow-template.ts";
import type { Sim, WorkflowExecutor } from "../../sim/index.ts";

/** The data file the example's config checks and trains on. */
export const CHURN_DATA = "data/train.csv";

/**
 * The example trainer as the Actions stand-in's executor: reads `data/train.csv` at the dispatched
 * commit (`mlops_commit`, else the run's sha) and uploads metrics.json, predictions.csv and the run
 * manifest as artifact "metrics". In process, so it runs the same on Bun, Node and Deno.
 */
export function churnExecutor(
  sim: Sim,
  repo: string,
  onRun?: (inputs: Record<string, unknown>) => void,
): WorkflowExecutor {
  return async (inputs, ctx) => {
    onRun?.(inputs);
    const commit =
      typeof inputs.mlops_commit === "string" && inputs.mlops_commit
        ? inputs.mlops_commit
        : ctx.sha;
    const bytes = await sim.script.readBytes({ repo, path: CHURN_DATA, ref: commit });
    if (!bytes) return { conclusion: "failure" };
    const { metrics, predictionsCsv } = trainAndEvaluate(
      parseChurnCsv(new TextDecoder().decode(bytes)),
      300,
      0.5,
    );
    return {
      conclusion: "success",
      artifacts: {
        metrics: {
          "metrics.json": JSON.stringify(metrics),
          "predictions.csv": predictionsCsv,
          "mlops-run.json": manifestFromInputs(inputs),
        },
      },
    };
  };
}

/** The seed folder's files plus what the playground needs to train: a small dataset and the workflow. */
export function withTraining(files: Record<string, Uint8Array> | null): Record<string, Uint8Array> {
  const enc = new TextEncoder();
  const out = { ...(files ?? {}) };
  out[CHURN_DATA] ??= enc.encode(generateChurnCsv({ rows: 2000, seed: 7 }));
  let extraInputs: string[] = [];
  const config = out[".github/mlops.yml"];
  try {
    const text = config ? new TextDecoder().decode(config) : "";
    const parsed = parse(text) as { training?: { inputs?: Record<string, unknown> } } | null;
    extraInputs = Object.keys(parsed?.training?.inputs ?? {});
  } catch {
    // An unreadable config gets the bot's mlops/config failure; the workflow just lacks its inputs.
  }
  const command = "bun train.ts --data data/train.csv --out out";
  out[".github/workflows/train.yml"] ??= enc.encode(trainingWorkflow({ command, extraInputs }));
  return out;
}

/** Start the bot on `sim` (before seeding, so it sees the installation); call `train(repo)` once the ML repo exists. */
export function attachBot(
  sim: Sim,
  deps: Partial<BotDeps> = {},
): { probot: Probot; bot: MlopsBot; train(repo: string): void; detach(): void } {
  const probot = new Probot({
    appId: sim.app.id,
    privateKey: sim.app.privateKey,
    secret: sim.app.webhookSecret,
    baseUrl: sim.url,
    request: { fetch: sim.fetch },
    Octokit: LocalProbotOctokit,
    // stdout belongs to the sim's own output (its first line is JSON with --format json): the bot
    // writes its log to stderr, and Probot's logger stays quiet.
    logLevel: "fatal",
  });
  const line = (level: string) => (message: string) =>
    void process.stderr.write(`mlops-bot ${level}: ${message}\n`);
  const log = { info: line("info"), warn: line("warn"), error: line("error") };
  const bot = createMlopsBot({ probot, deps: { clock: sim.clock, log, ...deps } });
  const unsubscribe = sim.webhooks.subscribe({
    receive: (d) =>
      probot.webhooks.verifyAndReceive({
        id: d.id,
        name: d.name as never,
        payload: d.body,
        signature: d.headers["x-hub-signature-256"] ?? "",
      }),
  });
  return {
    probot,
    bot,
    detach() {
      bot.stop();
      unsubscribe();
    },
    train: (repo) =>
      void sim.actions.register({
        repo,
        workflow: "train.yml",
        executor: churnExecutor(sim, repo),
      }),
  };
}

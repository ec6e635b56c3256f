/**
 * The bot end to end against the sim, in one process: Probot's octokit talks to `sim.fetch`, the sim's
 * signed deliveries go through Probot's verifying receive, and the Actions stand-in trains the example
 * churn model on the data at the dispatched commit.
 */
import type { Probot } from "probot";
import { attachBot as attachToSim, churnExecutor } from "../../bin/commands/sim-with-bot.ts";
import type { MlopsBot } from "../../bot/app.ts";
import type { BotDeps, Timers } from "../../bot/deps.ts";
import type { Scheduler } from "../../bot/scheduler.ts";
import { generateChurnCsv } from "../../examples/churn/generate-data.ts";
import { trainingWorkflow } from "../../lib/pipeline/workflow-template.ts";
import { createSim, type ManualClock, manualClock, type Sim } from "../../sim/index.ts";

export const REPO = "acme/churn";
export const ENV_REPO = "acme/ml-environments";
export const R = { owner: "acme", repo: "churn" } as const;

/** The GitHub Actions training section of `mlopsYml` (the Actions stand-in trains the example). */
export const ACTIONS_TRAINING = `training:
  runner: github-actions
  workflow: train.yml
  metrics_artifact: metrics
  metrics_file: metrics.json
  predictions_file: predictions.csv
  metrics: [accuracy, roc_auc, f1, log_loss]
  forks: require-approval
  approval_label: safe-to-train
`;

/** The example's config, shortened for tests; `regression` (default on) gates accuracy against production; `training` replaces the Actions section. */
export function mlopsYml(
  p: { regression?: boolean; rowsMin?: number; training?: string } = {},
): string {
  const regression = p.regression ?? true;
  return `model: churn
environments_repo: ${ENV_REPO}
datasets:
  train:
    path: data/train.csv
    checks:
      columns:
        customer_id: { type: integer, required: true, unique: true }
        tenure_months: { type: integer, required: true, nullable: false, min: 0, max: 120 }
        churn: { type: integer, required: true, nullable: false, in: [0, 1] }
      rows: { min: ${p.rowsMin ?? 1000} }
${p.training ?? ACTIONS_TRAINING}gates:
  metrics:
    accuracy: { min: 0.85 }
    roc_auc: { min: 0.88 }
${regression ? "  regression:\n    against: production\n    max_drop: { accuracy: 0.01 }\n" : ""}triggers:
  pull_request: true
  data_change: true
  schedule:
    - cron: "0 3 * * 1"
  drift:
    repository_dispatch: data-drift
`;
}

/** The churn CSV: `rows` rows of the example generator (faults as the generator takes them). */
export function churnCsv(
  p: {
    rows?: number;
    seed?: number;
    faults?: Parameters<typeof generateChurnCsv>[0]["faults"];
  } = {},
): string {
  return generateChurnCsv({
    rows: p.rows ?? 2000,
    seed: p.seed ?? 7,
    ...(p.faults ? { faults: p.faults } : {}),
  });
}

/** A log that keeps every line (tests read the errors). */
export function memoryLog() {
  const lines: { level: string; message: string }[] = [];
  const at = (level: string) => (message: string) => void lines.push({ level, message });
  return {
    lines,
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    errors: () => lines.filter((l) => l.level === "error").map((l) => l.message),
  };
}

/** Interval timers a test fires by hand: nothing sleeps, and what a tick starts is awaited. */
export function fakeTimers() {
  const intervals = new Map<number, { fn: () => unknown; ms: number }>();
  let next = 1;
  const timers: Timers & { periods(): number[]; fire(ms: number): Promise<void> } = {
    setInterval(fn, ms) {
      intervals.set(next, { fn, ms });
      return next++;
    },
    clearInterval(handle) {
      intervals.delete(handle as number);
    },
    /** The periods (ms) of the intervals set, sorted. */
    periods: () => [...intervals.values()].map((t) => t.ms).sort((a, b) => a - b),
    /** Fire every interval of period `ms` once, awaiting what each started. */
    async fire(ms) {
      for (const t of [...intervals.values()]) if (t.ms === ms) await t.fn();
    },
  };
  return timers;
}

/** One bot instance on the harness's sim (a "process": its own Probot, timers and subscription). */
export interface BotInstance {
  probot: Probot;
  bot: MlopsBot;
  timers: ReturnType<typeof fakeTimers>;
  /** Stop its timers and its webhook subscription (the process went away). */
  detach(): void;
}

/** Attach a new bot instance to `sim` (the playground's wiring), with fake timers the test drives. */
export function attachBot(sim: Sim, deps: Partial<BotDeps> & Pick<BotDeps, "clock">): BotInstance {
  const timers = fakeTimers();
  const { probot, bot, detach } = attachToSim(sim, { timers, ...deps });
  return { probot, bot, timers, detach };
}

export interface Harness {
  sim: Sim;
  clock: ManualClock;
  probot: Probot;
  scheduler: Scheduler;
  /** The bot instance attached before the app was installed. */
  instance: BotInstance;
  log: ReturnType<typeof memoryLog>;
  /** Inputs of every training run the Actions stand-in started. */
  runs: Record<string, unknown>[];
  /** Users' API tokens. */
  tokens: Record<string, string>;
  /** The production metrics written to the environments repo. */
  production: Record<string, number>;
  close(): Promise<void>;
}

/** Seed the sim (org acme: maintainer admin, contributor with a fork, outsider), install the bot. */
export async function startHarness(
  p: {
    config?: string;
    production?: Record<string, number>;
    deps?: Partial<BotDeps>;
    /** More files in the ML repo's first commit. */
    files?: Record<string, string>;
  } = {},
): Promise<Harness> {
  const clock = manualClock(new Date("2026-01-05T02:30:00Z"));
  const sim = await createSim({ clock, validateResponses: true });
  const s = sim.script;
  const tokens: Record<string, string> = {};
  for (const login of ["maintainer", "contributor", "outsider"])
    tokens[login] = s.createUser(login).token;
  s.createOrg("acme", { maintainer: "admin" });
  const production = p.production ?? { accuracy: 0.86, roc_auc: 0.93, f1: 0.7, log_loss: 0.28 };
  await s.createRepo({
    owner: "acme",
    name: "churn",
    author: "maintainer",
    files: {
      ".github/mlops.yml": p.config ?? mlopsYml(),
      ".github/workflows/train.yml": trainingWorkflow({
        command: "bun train.ts --data data/train.csv --out out",
      }),
      "data/train.csv": churnCsv(),
      "README.md": "# churn\n",
      ...p.files,
    },
  });
  await s.createRepo({
    owner: "acme",
    name: "ml-environments",
    author: "maintainer",
    files: {
      "environments/production.yaml":
        "environment: production\nmodels:\n  churn:\n    stable: { version: 1, commit: 0123456789abcdef0123456789abcdef01234567 }\n    traffic: { stable: 100, candidate: 0 }\n    phase: idle\n",
      "registry/churn.yaml": `model: churn\nversions:\n  - version: 1\n    created: "2025-12-01T00:00:00Z"\n    repository: acme/churn\n    commit: 0123456789abcdef0123456789abcdef01234567\n    metrics: { ${Object.entries(
        production,
      )
        .map(([k, v]) => `${k}: ${v}`)
        .join(", ")} }\n`,
    },
  });
  await s.fork({ repo: REPO, owner: "contributor" });

  const runs: Record<string, unknown>[] = [];
  sim.actions.register({
    repo: REPO,
    workflow: "train.yml",
    executor: churnExecutor(sim, REPO, (inputs) => void runs.push(inputs)),
  });

  const log = memoryLog();
  const instance = attachBot(sim, { clock, log, ...p.deps });
  s.install({ account: "acme" });
  await sim.idle();
  return {
    sim,
    clock,
    probot: instance.probot,
    scheduler: instance.bot.scheduler,
    instance,
    log,
    runs,
    tokens,
    production,
    close: async () => {
      instance.detach();
      await sim.close();
    },
  };
}

/** Push a branch with `files` as `author` and open a pull request from it; waits until the bot is done. */
export async function openPull(
  h: Harness,
  p: { branch: string; files: Record<string, string>; author?: string; fork?: boolean },
): Promise<number> {
  const author = p.author ?? "maintainer";
  const repo = p.fork ? `${author}/churn` : REPO;
  await h.sim.script.pushCommit({
    repo,
    branch: p.branch,
    files: p.files,
    message: `change ${p.branch}`,
    author,
  });
  const number = await h.sim.script.openPullRequest({
    repo: REPO,
    head: p.fork ? `${author}:${p.branch}` : p.branch,
    title: p.branch,
    user: author,
  });
  await h.sim.idle();
  return number;
}

/** The sha of a pull request's head. */
export function headSha(h: Harness, number: number): string {
  for (const i of h.sim.state.issues.values())
    if (i.repo === REPO && i.number === number && i.pull) return i.pull.head.sha;
  throw new Error(`no pull request #${number}`);
}

/** The bot's check runs on `sha`, by name: status, conclusion, title, summary, annotations. */
export function checks(h: Harness, sha: string) {
  return [...h.sim.state.checkRuns.values()]
    .filter((c) => c.repo === REPO && c.headSha === sha)
    .map((c) => ({
      name: c.name,
      status: c.status,
      conclusion: c.conclusion,
      externalId: c.externalId ?? "",
      title: c.output.title,
      summary: c.output.summary ?? "",
      annotations: c.output.annotations,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The comments on pull request `number` (bot and people). */
export function comments(h: Harness, number: number) {
  return [...h.sim.state.comments.values()]
    .filter((c) => c.repo === REPO && c.issueNumber === number)
    .map((c) => ({
      id: c.id,
      user: c.user,
      body: c.body,
      reactions: c.reactions.map((r) => r.content),
    }));
}

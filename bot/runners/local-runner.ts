/**
 * The local runner (development, the demo, self-hosted use): each run is a directory
 * `<root>/<correlation id>/` the caller fills with a checkout (`prepare`), the configured command runs
 * in it, and the result is written next to it as `<id>.result.json`. The directory name is the
 * correlation: a second dispatch finds the run, and a result survives a restart of the bot.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import process from "node:process";
import { parseDuration } from "../../lib/config/duration.ts";
import {
  type RunHandle,
  type Runner,
  RunnerError,
  type RunRequest,
  type RunStatus,
} from "../../lib/runners/types.ts";
import { type LocalRunResult, runLocal } from "./local-run.ts";

/** When neither training.local.timeout nor training.timeout is set. */
export const DEFAULT_LOCAL_TIMEOUT_MS = 3_600_000;

// Only what a toolchain needs to start: never the bot's own environment (tokens, keys).
const PASSED_THROUGH = ["PATH", "HOME", "TMPDIR", "LANG"];

/** The environment a local run gets: PATH/HOME/TMPDIR/LANG, the caller's `env`, then the MLOPS_* of the request. */
export function localEnv(
  req: RunRequest,
  env: Record<string, string> = {},
): Record<string, string> {
  const base: Record<string, string> = {};
  for (const key of PASSED_THROUGH) {
    const value = process.env[key];
    if (value !== undefined) base[key] = value;
  }
  const datasets = Object.fromEntries(
    Object.entries(req.datasets).sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  return {
    ...base,
    ...env,
    MLOPS_CORRELATION_ID: req.correlationId,
    MLOPS_REPOSITORY: req.repository,
    MLOPS_COMMIT: req.sha,
    MLOPS_REF: req.ref,
    MLOPS_DATASETS: JSON.stringify(datasets),
    MLOPS_REASON: req.reason,
    MLOPS_PR: req.pullRequest === undefined ? "" : String(req.pullRequest),
  };
}

function timeoutOf(req: RunRequest): number {
  const text = req.training.local?.timeout ?? req.training.timeout;
  if (text === undefined) return DEFAULT_LOCAL_TIMEOUT_MS;
  const ms = parseDuration(text);
  if (ms === undefined) {
    throw new RunnerError(`training timeout "${text}" is not a duration; write e.g. 30m or 1h30m`);
  }
  return ms;
}

function statusOf(result: LocalRunResult): RunStatus {
  const status: RunStatus = {
    state: "completed",
    conclusion: result.conclusion,
    outputs: result.outputs,
    logs: { stdout: result.stdout, stderr: result.stderr },
  };
  if (result.message) status.message = result.message;
  return status;
}

/**
 * A Runner over local processes. `prepare` writes the checkout for a request into `dir` (already
 * created, empty); `env` is added to every run's environment (give secrets only for trusted code).
 */
export function createLocalRunner(params: {
  root: string;
  prepare(p: { request: RunRequest; dir: string }): Promise<void>;
  env?: Record<string, string>;
}): Runner & { idle(): Promise<void> } {
  const running = new Map<string, Promise<void>>();
  const dirOf = (id: string) => join(params.root, id);
  const resultOf = (id: string) => join(params.root, `${id}.result.json`);

  async function start(req: RunRequest): Promise<void> {
    const local = req.training.local;
    if (!local?.command?.length) {
      throw new RunnerError(
        "training.local.command is not set; give the command as a list, e.g. [bun, train.ts]",
      );
    }
    const timeoutMs = timeoutOf(req);
    const dir = dirOf(req.correlationId);
    // A directory without a result is a run the bot lost in a restart: start it afresh.
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await params.prepare({ request: req, dir });
    const done = runLocal({
      command: local.command,
      cwd: dir,
      env: localEnv(req, params.env),
      timeoutMs,
      ...(req.training.metrics_file ? { metricsFile: req.training.metrics_file } : {}),
      ...(req.training.predictions_file ? { predictionsFile: req.training.predictions_file } : {}),
    })
      .then(
        statusOf,
        (error: unknown): RunStatus => ({
          state: "completed",
          conclusion: "failure",
          message: `the local run failed to run: ${error instanceof Error ? error.message : String(error)}`,
          outputs: { problems: [] },
        }),
      )
      .then((status) => writeFile(resultOf(req.correlationId), JSON.stringify(status)))
      // An unwritable result reads back as "no result" in poll, which says what to do.
      .catch(() => undefined)
      .finally(() => running.delete(req.correlationId));
    running.set(req.correlationId, done);
  }

  return {
    kind: "local",

    /** Resolves when every run this process started has written its result (tests, shutdown). */
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running.values()]);
    },

    async dispatch(req) {
      if (!/^[0-9a-f]{16}$/.test(req.correlationId)) {
        throw new RunnerError(
          `correlation id "${req.correlationId}" is not 16 hex chars; compute it with correlationId()`,
        );
      }
      const handle: RunHandle = {
        kind: "local",
        correlationId: req.correlationId,
        repository: req.repository,
        training: req.training,
        id: dirOf(req.correlationId),
        created: false,
      };
      if (running.has(req.correlationId) || existsSync(resultOf(req.correlationId))) return handle;
      await start(req);
      return { ...handle, created: true };
    },

    async poll(handle) {
      if (running.has(handle.correlationId)) return { state: "in_progress" };
      try {
        return JSON.parse(await readFile(resultOf(handle.correlationId), "utf8")) as RunStatus;
      } catch {
        return {
          state: "completed",
          conclusion: "failure",
          message: `the local run ${handle.correlationId} has no result (the bot restarted while it ran, or it never started); retrain to run it again`,
          outputs: { problems: [] },
        };
      }
    },
  };
}

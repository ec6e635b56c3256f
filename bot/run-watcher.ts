/**
 * Run watchers. Argo and local runs send no event when they finish (GitHub Actions sends
 * workflow_run), so the bot polls them until completed, then takes the same completion path as
 * workflow_run (`finishRun`), which completes the `mlops/gates` check run at most once.
 *
 * Restart-safe without a database: a run being watched is an `mlops/gates` check run in progress
 * whose external_id is a correlation id. `reattach` reads those back from the heads of open pull
 * requests and default branches, and rebuilds each handle from the id and the config at the commit.
 */
import type { Probot } from "probot";
import type { PullRequestInfo, RepoRef } from "../lib/forge.ts";
import { CHECKS } from "../lib/pipeline/names.ts";
import { handleFromCorrelation, isCorrelationId } from "../lib/runners/handle.ts";
import { type RunHandle, RunnerError, type RunStatus } from "../lib/runners/types.ts";
import { commitKey, type HandlerTools } from "./context.ts";
import { type BotDeps, type BotLogger, systemTimers } from "./deps.ts";
import { type BotForge, botForge } from "./forge/bot-forge.ts";
import { finishRun } from "./handlers/finish-run.ts";
import type { InstalledRepo } from "./installations.ts";
import type { KeyedLock } from "./lock.ts";
import { loadConfig } from "./stages/load-config.ts";
import { runnerFor } from "./stages/runners.ts";

/** A run to poll: where it trains, which commit and pull request it belongs to, and its handle. */
export interface WatchedRun {
  forge: BotForge;
  repo: RepoRef;
  commit: string;
  pullRequest?: number;
  handle: RunHandle;
}

export interface RunWatcher {
  /** Poll `run` on every tick until it completes; a run already watched (same correlation id) is ignored. */
  watch(run: WatchedRun): void;
  /** The runs watched, as `owner/name#correlation id`. */
  watching(): string[];
  /** Poll every watched run once; finished ones go through finishRun. Returns how many finished. */
  tick(): Promise<number>;
  /** Watch the runs in progress on `repos` (after a restart); returns how many were added. */
  reattach(repos: InstalledRepo[]): Promise<number>;
  /** Tick every `intervalMs` (deps.timers) until stop(). */
  start(intervalMs: number): void;
  stop(): void;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The watchers of one bot process. */
export function createRunWatcher(p: {
  probot: Probot;
  deps: BotDeps;
  lock: KeyedLock;
  log: BotLogger;
}): RunWatcher {
  const { deps, lock, log } = p;
  const timers = deps.timers ?? systemTimers;
  const runs = new Map<string, WatchedRun>();
  const keyOf = (repo: RepoRef, id: string) => `${repo.owner}/${repo.repo}#${id}`.toLowerCase();
  let timer: unknown;
  let ticking: Promise<number> | undefined;

  async function complete(run: WatchedRun, status: () => Promise<RunStatus>): Promise<void> {
    const tools: HandlerTools = { forge: run.forge, repo: run.repo, log, deps, lock };
    await lock.run(commitKey(run.repo, run.commit), () =>
      finishRun(tools, {
        commit: run.commit,
        correlationId: run.handle.correlationId,
        ...(run.pullRequest !== undefined ? { pullRequest: run.pullRequest } : {}),
        status,
      }),
    );
  }

  /** True when the run finished (and was handed to finishRun). */
  async function pollOne(key: string, run: WatchedRun): Promise<boolean> {
    const where = `${run.repo.owner}/${run.repo.repo}@${run.commit.slice(0, 7)}`;
    let status: RunStatus;
    try {
      status = await runnerFor(run.handle.training, run.forge, deps).poll(run.handle);
    } catch (error) {
      if (!(error instanceof RunnerError) || error.retryable) {
        log.warn(
          `${where}: polling run ${run.handle.correlationId} failed (${message(error)}); polling again`,
        );
        return false;
      }
      // Polling can never succeed (no such runner, bad config): finishRun reports it on the check
      // run and logs it.
      runs.delete(key);
      await complete(run, () => Promise.reject(error)).catch(() => undefined);
      return true;
    }
    if (status.state !== "completed") return false;
    // Removed before finishing: whatever stays in progress on GitHub (finishRun failed) is found
    // again by the next reattach, so nothing loops here.
    runs.delete(key);
    try {
      await complete(run, async () => status);
    } catch (error) {
      log.error(`${where}: completing run ${run.handle.correlationId} failed: ${message(error)}`);
    }
    return true;
  }

  async function heads(forge: BotForge, repo: RepoRef) {
    const out: { sha: string; pull?: PullRequestInfo }[] = [];
    const branch = await forge.getDefaultBranch(repo);
    const sha = await forge.getBranchSha({ ...repo, branch });
    if (sha) out.push({ sha });
    for (const pull of await forge.findPulls({ ...repo, state: "open" }))
      out.push({ sha: pull.head.sha, pull });
    return out;
  }

  async function reattachRepo(forge: BotForge, fullName: string): Promise<number> {
    const [owner = "", name = ""] = fullName.split("/");
    const repo = { owner, repo: name };
    let added = 0;
    for (const head of await heads(forge, repo)) {
      const checks = await forge.listCheckRuns({ ...repo, ref: head.sha, name: CHECKS.gates });
      for (const check of checks) {
        const id = check.external_id;
        if (check.name !== CHECKS.gates || check.status !== "in_progress") continue;
        if (!isCorrelationId(id) || runs.has(keyOf(repo, id))) continue;
        // The runner is the one the pipeline used: a fork's pull request runs on the base's config.
        const ref = head.pull?.head.fork ? head.pull.base.sha : head.sha;
        const loaded = await loadConfig({ forge, repo, ref });
        const training = loaded.kind === "ok" ? loaded.config.training : undefined;
        // GitHub Actions runs finish through workflow_run (GitHub redelivers it), not by polling.
        if (!training || training.runner === "github-actions") continue;
        watcher.watch({
          forge,
          repo,
          commit: head.sha,
          ...(head.pull ? { pullRequest: head.pull.number } : {}),
          handle: handleFromCorrelation({
            kind: training.runner,
            correlationId: id,
            repository: fullName,
            training,
          }),
        });
        log.info(`${fullName}@${head.sha.slice(0, 7)}: watching run ${id} again`);
        added++;
      }
    }
    return added;
  }

  const watcher: RunWatcher = {
    watch(run) {
      const key = keyOf(run.repo, run.handle.correlationId);
      if (!runs.has(key)) runs.set(key, run);
    },
    watching: () => [...runs.keys()],
    tick() {
      // A tick still polling when the timer fires again is not doubled.
      ticking ??= (async () => {
        let finished = 0;
        for (const [key, run] of [...runs]) if (await pollOne(key, run)) finished++;
        return finished;
      })().finally(() => {
        ticking = undefined;
      });
      return ticking;
    },
    async reattach(repos) {
      const forges = new Map<number, BotForge>();
      let added = 0;
      for (const r of repos) {
        try {
          let forge = forges.get(r.installationId);
          if (!forge) {
            forge = botForge(await p.probot.auth(r.installationId));
            forges.set(r.installationId, forge);
          }
          added += await reattachRepo(forge, r.fullName);
        } catch (error) {
          log.error(
            `${r.fullName}: could not look for training runs in progress: ${message(error)}`,
          );
        }
      }
      return added;
    },
    start(intervalMs) {
      timer ??= timers.setInterval(() => watcher.tick(), intervalMs);
    },
    stop() {
      if (timer !== undefined) timers.clearInterval(timer);
      timer = undefined;
    },
  };
  return watcher;
}

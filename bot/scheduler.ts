/**
 * The scheduler: on each tick (driven by the Clock, never by sleeping in tests) it reads every known
 * repository's config and dispatches training on the default branch for each schedule slot that came
 * due since the last tick. The slot time is the correlation key, so a tick repeated by another replica
 * finds the run already recorded.
 */
import type { Probot } from "probot";
import { dueSlots } from "../lib/pipeline/triggers.ts";
import { commitKey, type HandlerTools } from "./context.ts";
import { type BotDeps, type BotLogger, systemTimers } from "./deps.ts";
import { botForge } from "./forge/bot-forge.ts";
import type { InstalledRepo } from "./installations.ts";
import type { KeyedLock } from "./lock.ts";
import { runPipeline } from "./pipeline.ts";
import type { RunWatcher } from "./run-watcher.ts";
import { loadConfig } from "./stages/load-config.ts";

export interface Scheduler {
  remember(installationId: number, fullName: string): void;
  /** Forget an installation (`fullName` omitted) or one of its repositories. */
  forget(installationId: number, fullName?: string): void;
  /** Serve exactly `repos` (the installations as GitHub lists them now). */
  sync(repos: InstalledRepo[]): void;
  /** The repositories served, `owner/name` → installation id. */
  known(): Map<string, number>;
  /** Dispatch every slot due in (last tick, now]; returns how many runs were dispatched. */
  tick(): Promise<number>;
  /** Tick every `intervalMs` (deps.timers) until stop(). */
  start(intervalMs: number): void;
  stop(): void;
}

/** A scheduler over the app's installations. */
export function createScheduler(p: {
  probot: Probot;
  deps: BotDeps;
  lock: KeyedLock;
  log: BotLogger;
  watcher?: RunWatcher;
}): Scheduler {
  const repos = new Map<string, number>();
  let last = p.deps.clock.now();
  const timers = p.deps.timers ?? systemTimers;
  let timer: unknown;

  async function tickRepo(
    installationId: number,
    fullName: string,
    after: Date,
    until: Date,
  ): Promise<number> {
    const [owner = "", name = ""] = fullName.split("/");
    const repo = { owner, repo: name };
    const forge = botForge(await p.probot.auth(installationId));
    const branch = await forge.getDefaultBranch(repo);
    const sha = await forge.getBranchSha({ ...repo, branch });
    if (!sha) return 0;
    const loaded = await loadConfig({ forge, repo, ref: sha });
    if (loaded.kind !== "ok") return 0;
    let dispatched = 0;
    const tools: HandlerTools = {
      forge,
      repo,
      log: p.log,
      deps: p.deps,
      lock: p.lock,
      ...(p.watcher ? { watcher: p.watcher } : {}),
    };
    for (const slot of dueSlots({ triggers: loaded.config.triggers, after, until })) {
      p.log.info(
        `${fullName}: schedule "${slot.cron}" (${slot.timezone}) due at ${slot.slot.toISOString()}: training ${branch}`,
      );
      const result = await p.lock.run(commitKey(repo, sha), () =>
        runPipeline({
          ...tools,
          sha,
          configRef: sha,
          changed: "all",
          dispatchRef: branch,
          reason: "schedule",
          key: slot.slot.toISOString(),
        }),
      );
      if (result.training?.decision.kind === "dispatch" && !result.training.error) dispatched++;
    }
    return dispatched;
  }

  const scheduler: Scheduler = {
    remember(installationId, fullName) {
      repos.set(fullName, installationId);
    },
    forget(installationId, fullName) {
      for (const [name, id] of repos)
        if (id === installationId && (fullName === undefined || name === fullName))
          repos.delete(name);
    },
    sync(list) {
      repos.clear();
      for (const r of list) repos.set(r.fullName, r.installationId);
    },
    known() {
      return new Map(repos);
    },
    async tick() {
      const until = p.deps.clock.now();
      const after = last;
      last = until;
      let total = 0;
      for (const [name, id] of repos) {
        try {
          total += await tickRepo(id, name, after, until);
        } catch (error) {
          p.log.error(
            `${name}: scheduled training failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
      return total;
    },
    start(intervalMs) {
      timer ??= timers.setInterval(() => scheduler.tick(), intervalMs);
    },
    stop() {
      if (timer !== undefined) timers.clearInterval(timer);
      timer = undefined;
    },
  };
  return scheduler;
}

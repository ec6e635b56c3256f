/** The Probot app: one handler per event, wired to the deps (clock, runners, timers, logger); no globals. */
import type { ApplicationFunction, Context, Probot } from "probot";
import { toolsFor } from "./context.ts";
import { type BotDeps, systemTimers } from "./deps.ts";
import { onCheckRun } from "./handlers/check-run.ts";
import { onInstallation, onInstallationRepositories } from "./handlers/installation.ts";
import { onIssueComment } from "./handlers/issue-comment.ts";
import { onPullRequest } from "./handlers/pull-request.ts";
import { onPush } from "./handlers/push.ts";
import { onRepositoryDispatch } from "./handlers/repository-dispatch.ts";
import { onWorkflowRun } from "./handlers/workflow-run.ts";
import { listInstalledRepos } from "./installations.ts";
import { KeyedLock } from "./lock.ts";
import { createRunWatcher, type RunWatcher } from "./run-watcher.ts";
import { createScheduler, type Scheduler } from "./scheduler.ts";

/** How often the scheduler looks for due cron slots. */
export const SCHEDULER_TICK_MS = 60_000;
const DEFAULT_POLL_MS = 10_000;
const DEFAULT_RESYNC_MS = 600_000;

/** The running bot: its scheduler and run watchers, and the life cycle the runtimes drive. */
export interface MlopsBot {
  scheduler: Scheduler;
  watcher: RunWatcher;
  /** Re-read the installations: the repositories to schedule and the runs in progress to watch. */
  resync(): Promise<void>;
  /** Resync now, then tick the scheduler, poll runs and resync on deps.timers until stop(). */
  start(): Promise<void>;
  stop(): void;
}

/** The events the app subscribes to (app.yml lists exactly these). */
export const EVENTS = [
  "check_run",
  "installation",
  "installation_repositories",
  "issue_comment",
  "pull_request",
  "push",
  "repository_dispatch",
  "workflow_run",
] as const;

/** Register every handler on `probot`; returns the bot (the runtime starts it). */
export function createMlopsBot(p: { probot: Probot; deps: BotDeps }): MlopsBot {
  const { probot, deps } = p;
  const lock = deps.lock ?? new KeyedLock();
  // Probot creates its logger asynchronously: read it when a line is written, not now.
  const log = deps.log ?? {
    info: (m: string) => probot.log.info(m),
    warn: (m: string) => probot.log.warn(m),
    error: (m: string) => probot.log.error(m),
  };
  const watcher = createRunWatcher({ probot, deps, lock, log });
  const scheduler = createScheduler({ probot, deps, lock, log, watcher });

  // Every handler logs its failure and rethrows it: Probot answers the delivery with an error, so a
  // failure is never swallowed (it was also reported on the check run it belongs to).
  const handle =
    <C extends Context>(name: string, fn: (context: C) => Promise<void>) =>
    async (context: C) => {
      const payload = context.payload as {
        installation?: { id: number };
        repository?: { full_name: string };
      };
      // Without an installation the app has no token for the repository (events before installing).
      if (!payload.installation) return;
      if (payload.repository)
        scheduler.remember(payload.installation.id, payload.repository.full_name);
      try {
        await fn(context);
      } catch (error) {
        log.error(
          `${name} (delivery ${context.id}) failed: ${error instanceof Error ? error.message : String(error)}`,
        );
        throw error;
      }
    };
  const tools = (context: Context) => toolsFor(context, deps, lock, watcher);

  probot.on(
    [
      "pull_request.opened",
      "pull_request.synchronize",
      "pull_request.reopened",
      "pull_request.labeled",
    ],
    handle("pull_request", (c: Context<"pull_request">) => onPullRequest(c, tools(c))),
  );
  probot.on(
    "push",
    handle("push", (c: Context<"push">) => onPush(c, tools(c))),
  );
  probot.on(
    "workflow_run.completed",
    handle("workflow_run", (c: Context<"workflow_run">) => onWorkflowRun(c, tools(c))),
  );
  probot.on(
    ["check_run.rerequested", "check_run.requested_action"],
    handle("check_run", (c: Context<"check_run">) => onCheckRun(c, tools(c))),
  );
  probot.on(
    "repository_dispatch",
    handle("repository_dispatch", (c: Context<"repository_dispatch">) =>
      onRepositoryDispatch(c, tools(c)),
    ),
  );
  probot.on(
    "issue_comment.created",
    handle("issue_comment", (c: Context<"issue_comment">) => onIssueComment(c, tools(c))),
  );
  probot.on(
    "installation",
    handle("installation", (c: Context<"installation">) => onInstallation(c, scheduler, log)),
  );
  probot.on(
    "installation_repositories",
    handle("installation_repositories", (c: Context<"installation_repositories">) =>
      onInstallationRepositories(c, scheduler, log),
    ),
  );

  const timers = deps.timers ?? systemTimers;
  let resyncTimer: unknown;
  const bot: MlopsBot = {
    scheduler,
    watcher,
    async resync() {
      try {
        const repos = await listInstalledRepos(probot);
        scheduler.sync(repos);
        const added = await watcher.reattach(repos);
        log.info(
          `installed on ${repos.length} repositories; ${added} training runs in progress found again`,
        );
      } catch (error) {
        log.error(
          `could not list the app's installations: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    },
    async start() {
      await bot.resync();
      scheduler.start(SCHEDULER_TICK_MS);
      watcher.start(deps.pollIntervalMs ?? DEFAULT_POLL_MS);
      resyncTimer ??= timers.setInterval(
        () => bot.resync(),
        deps.resyncIntervalMs ?? DEFAULT_RESYNC_MS,
      );
    },
    stop() {
      scheduler.stop();
      watcher.stop();
      if (resyncTimer !== undefined) timers.clearInterval(resyncTimer);
      resyncTimer = undefined;
    },
  };
  return bot;
}

/** The app function for Probot's `run()` and server (the runtimes use it). */
export function mlopsApp(deps: BotDeps, onReady?: (bot: MlopsBot) => void): ApplicationFunction {
  return (app) => {
    const bot = createMlopsBot({ probot: app, deps });
    onReady?.(bot);
  };
}

/** What every handler builds first from a Probot context: the Forge, the repo, the logger, the lock. */
import type { Context } from "probot";
import type { RepoRef } from "../lib/forge.ts";
import type { BotDeps, BotLogger } from "./deps.ts";
import { type BotForge, botForge } from "./forge/bot-forge.ts";
import { KeyedLock } from "./lock.ts";
import type { RunWatcher } from "./run-watcher.ts";

/** The per-event tools a handler uses. */
export interface HandlerTools {
  forge: BotForge;
  repo: RepoRef;
  log: BotLogger;
  deps: BotDeps;
  lock: KeyedLock;
  /** Polls Argo and local runs until they finish (absent: nothing watches them). */
  watcher?: RunWatcher;
}

/** Build the tools from a context; `lock` and `watcher` are the process-wide ones from the app. */
export function toolsFor(
  context: Context,
  deps: BotDeps,
  lock: KeyedLock,
  watcher?: RunWatcher,
): HandlerTools {
  const payload = context.payload as { repository?: { name: string; owner: { login: string } } };
  const repo = payload.repository
    ? { owner: payload.repository.owner.login, repo: payload.repository.name }
    : { owner: "", repo: "" };
  return {
    forge: botForge(context.octokit),
    repo,
    log: deps.log ?? context.log,
    deps,
    lock,
    ...(watcher ? { watcher } : {}),
  };
}

/** The lock key of a commit: concurrent deliveries for one repo+sha serialize in this replica. */
export function commitKey(repo: RepoRef, sha: string): string {
  return `${repo.owner}/${repo.repo}@${sha}`.toLowerCase();
}

export { KeyedLock };

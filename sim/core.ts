/** What every route and scripting call shares: the records, the clock, the data dir, the webhook outbox. */
import type { Clock } from "./clock.ts";
import { notFound } from "./http-error.ts";
import type { Workflow } from "./ops/actions.ts";
import type { ShapeContext } from "./shapes/accounts.ts";
import type { Repo } from "./state.ts";
import type { Outbox } from "./webhooks/outbox.ts";

export interface SimCore extends ShapeContext {
  clock: Clock;
  /** Directory holding one bare git repository per sim repository. */
  dataDir: string;
  outbox: Outbox;
  /** Background work (workflow runs) the sim is still doing; `idle()` awaits it. */
  pending: Set<Promise<unknown>>;
  /** Registered workflows by "owner/name:path" (lowercased repo). */
  workflows: Map<string, Workflow>;
}

/** The next id (ids are shared by every kind of record, so they are unique and deterministic). */
export function newId(core: SimCore): number {
  return core.state.nextId++;
}

/** The repository `owner/name`, or a 404. */
export function repoOr404(core: SimCore, fullName: string): Repo {
  const repo = core.state.repos.get(fullName.toLowerCase());
  if (!repo) throw notFound();
  return repo;
}

/** Track background work so `idle()` can await it. */
export function track(core: SimCore, work: Promise<unknown>): void {
  const p = work.finally(() => core.pending.delete(p));
  core.pending.add(p);
}

/**
 * `installation` created / unsuspended / deleted / suspended and `installation_repositories`
 * added / removed: the scheduler learns which repositories it serves (GitHub sends both events to
 * every app; app.yml need not list them).
 */
import type { Context } from "probot";
import type { BotLogger } from "../deps.ts";
import type { Scheduler } from "../scheduler.ts";

type Named = { full_name: string }[] | undefined;

/** Handle an installation event. */
export async function onInstallation(
  context: Context<"installation">,
  scheduler: Scheduler,
  log: BotLogger,
): Promise<void> {
  const { action, installation, repositories } = context.payload as {
    action: string;
    installation: { id: number; account: { login: string } | null };
    repositories?: Named;
  };
  const names = (repositories ?? []).map((r) => r.full_name);
  if (action === "deleted" || action === "suspend") {
    scheduler.forget(installation.id);
    log.info(`installation ${installation.id} ${action}: no longer scheduling its repositories`);
    return;
  }
  for (const name of names) scheduler.remember(installation.id, name);
  log.info(
    `installation ${installation.id} (${installation.account?.login ?? "?"}) ${action}: ${names.join(", ") || "no repositories listed"}`,
  );
}

/** Handle an installation_repositories event (repositories added to or removed from an installation). */
export async function onInstallationRepositories(
  context: Context<"installation_repositories">,
  scheduler: Scheduler,
  log: BotLogger,
): Promise<void> {
  const { installation, repositories_added, repositories_removed } = context.payload as {
    installation: { id: number };
    repositories_added?: Named;
    repositories_removed?: Named;
  };
  const added = (repositories_added ?? []).map((r) => r.full_name);
  const removed = (repositories_removed ?? []).map((r) => r.full_name);
  for (const name of added) scheduler.remember(installation.id, name);
  for (const name of removed) scheduler.forget(installation.id, name);
  log.info(
    `installation ${installation.id}: repositories added ${added.join(", ") || "none"}; removed ${removed.join(", ") || "none"}`,
  );
}

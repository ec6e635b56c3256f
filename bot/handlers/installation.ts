/** `installation` created / unsuspended / deleted: the scheduler learns which repositories it serves. */
import type { Context } from "probot";
import type { BotLogger } from "../deps.ts";
import type { Scheduler } from "../scheduler.ts";

/** Handle an installation event. */
export async function onInstallation(
  context: Context<"installation">,
  scheduler: Scheduler,
  log: BotLogger,
): Promise<void> {
  const { action, installation, repositories } = context.payload as {
    action: string;
    installation: { id: number; account: { login: string } | null };
    repositories?: { full_name: string }[];
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

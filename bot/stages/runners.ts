/** Which Runner trains a repository: GitHub Actions over the installation's Forge, or the Argo/local runner the bot was given. */
import type { Training } from "../../lib/config/types.gen.ts";
import { createArgoRunner } from "../../lib/runners/argo.ts";
import { createGitHubActionsRunner } from "../../lib/runners/github-actions.ts";
import { type Runner, RunnerError } from "../../lib/runners/types.ts";
import type { BotDeps } from "../deps.ts";
import type { BotForge } from "../forge/bot-forge.ts";

/** The runner for `training.runner`; a RunnerError saying what to configure when the bot has none. */
export function runnerFor(training: Training, forge: BotForge, deps: BotDeps): Runner {
  switch (training.runner) {
    case "github-actions":
      return createGitHubActionsRunner({ forge });
    case "argo":
      return (
        deps.runners?.argo ?? createArgoRunner({ ...(deps.fetch ? { fetch: deps.fetch } : {}) })
      );
    case "local":
      if (!deps.runners?.local) {
        throw new RunnerError(
          "this bot has no local runner; start it with one, or use runner: github-actions",
        );
      }
      return deps.runners.local;
  }
}

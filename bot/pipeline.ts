/**
 * The pipeline on one commit, shared by pull requests, pushes, /retrain and the triggers:
 *   1. config  → `mlops/config` (invalid: nothing else runs)
 *   2. data    → `mlops/data` (the datasets the change touches)
 *   3. training → `mlops/gates` in progress + dispatch (or why not)
 *   4. report  → the sticky comment's sections (pull requests only)
 * A stage that fails is reported on its own check run, logged, and rethrown (never swallowed).
 */
import type { CheckRunSpec, Permission, RepoRef } from "../lib/forge.ts";
import { deferredNote } from "../lib/pipeline/base-policy.ts";
import { planConfigCheck } from "../lib/pipeline/config-check.ts";
import { CHECKS } from "../lib/pipeline/names.ts";
import type { SectionName } from "../lib/report/sections.ts";
import type { RunReason } from "../lib/runners/types.ts";
import type { BotDeps, BotLogger } from "./deps.ts";
import type { BotForge } from "./forge/bot-forge.ts";
import type { RunWatcher } from "./run-watcher.ts";
import { upsertCheck } from "./stages/check-runs.ts";
import { runDataStage } from "./stages/data.ts";
import { type LoadedConfig, loadEffectiveConfig } from "./stages/load-config.ts";
import { updateReport } from "./stages/report.ts";
import { runTrainingStage, type TrainingOutcome } from "./stages/training.ts";

/** The pull request a commit belongs to, as the pipeline needs it. */
export interface PipelinePull {
  number: number;
  fork: boolean;
  labels: string[];
}

/** Everything one pipeline run needs to know. */
export interface PipelineRun {
  forge: BotForge;
  repo: RepoRef;
  deps: BotDeps;
  log: BotLogger;
  sha: string;
  /** Where .github/mlops.yml is read: the head for same-repo PRs, the BASE for forks. */
  configRef: string;
  /** Where its policy parts (gates, data checks) are read: a pull request's base (default: configRef). */
  policyRef?: string;
  /** Paths the change touched, or "all" (pushes, schedules, triggers). */
  changed: string[] | "all";
  /** The branch training starts on. */
  dispatchRef: string;
  reason: RunReason;
  /** Separates requests that must each run (a /retrain comment id, a schedule slot). */
  key?: string;
  pull?: PipelinePull;
  /** A maintainer approved training (a /retrain they wrote). */
  approvedBy?: string;
  /** The pull_request.labeled event behind this run: the label and who added it (the sender). */
  labeledBy?: { label: string; user: string };
  /** Polls Argo and local runs until they finish. */
  watcher?: RunWatcher;
}

/** Who may approve a fork's training (by `/retrain` or the approval label): write access or above. */
export const MAINTAINERS: readonly Permission[] = ["admin", "maintain", "write"];

/** What happened, for callers that answer (the /retrain reply). */
export interface PipelineResult {
  config: LoadedConfig["kind"];
  dataPassed?: boolean;
  training?: TrainingOutcome;
}

async function reportStageFailure(run: PipelineRun, name: string, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  run.log.error(
    `${run.repo.owner}/${run.repo.repo}@${run.sha.slice(0, 7)}: ${name} failed: ${message}`,
  );
  const spec: CheckRunSpec = {
    name,
    head_sha: run.sha,
    status: "completed",
    conclusion: "failure",
    output: {
      title: "mlops-bot failed",
      summary: `The bot could not finish this check: ${message}`,
    },
  };
  await upsertCheck({ forge: run.forge, repo: run.repo, spec }).catch((e: unknown) => {
    run.log.error(
      `could not report the failure on ${name}: ${e instanceof Error ? e.message : String(e)}`,
    );
  });
}

async function stage<T>(run: PipelineRun, check: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    await reportStageFailure(run, check, error);
    throw error;
  }
}

/**
 * A fork's approval label counts when it is what this event added, and whoever added it (the
 * event's sender) has write access: triage can label but not approve, and a label left on the pull
 * request does not approve the commits pushed after it (a maintainer adds it again, or `/retrain`s).
 */
async function approvedByLabel(run: PipelineRun, label: string | undefined): Promise<boolean> {
  if (!label || !run.pull?.fork || run.labeledBy?.label !== label) return false;
  const user = run.labeledBy.user;
  const permission = await run.forge.getPermission({ ...run.repo, username: user });
  if (MAINTAINERS.includes(permission)) return true;
  run.log.info(
    `${run.repo.owner}/${run.repo.repo}#${run.pull.number}: ${user} added "${label}" but has ${permission} access; training needs a maintainer's approval`,
  );
  return false;
}

/** Run the pipeline on `run.sha`. */
export async function runPipeline(run: PipelineRun): Promise<PipelineResult> {
  const { forge, repo, sha } = run;
  const sections: Partial<Record<SectionName, string | null>> = {};

  // 1. Config.
  const loaded = await stage(run, CHECKS.config, () =>
    loadEffectiveConfig({
      forge,
      repo,
      configRef: run.configRef,
      ...(run.policyRef ? { policyRef: run.policyRef } : {}),
    }),
  );
  if (loaded.kind === "absent") return { config: "absent" };
  const note = loaded.kind === "ok" ? deferredNote(loaded.deferred) : null;
  const configPlan = planConfigCheck({
    result: loaded.result,
    localFiles: loaded.localFiles,
    ...(note ? { note } : {}),
  });
  await stage(run, CHECKS.config, () =>
    upsertCheck({
      forge,
      repo,
      spec: {
        name: CHECKS.config,
        head_sha: sha,
        status: "completed",
        conclusion: configPlan.conclusion,
        output: configPlan.output,
      },
    }),
  );
  if (loaded.kind === "invalid") {
    if (run.pull) {
      await updateReport({
        forge,
        repo,
        number: run.pull.number,
        updates: { config: `### ❌ ${configPlan.output.title}\n\n${configPlan.output.summary}` },
      });
    }
    return { config: "invalid" };
  }
  sections.config = note
    ? `### ℹ️ Policy changes wait for the merge

${note}`
    : null;
  const { config } = loaded;
  const checksFromBase = new Set(loaded.checksFromBase);
  if (run.pull && config.triggers?.pull_request === false) return { config: "ok" };

  // 2. Data.
  const data = await stage(run, CHECKS.data, () =>
    runDataStage({
      forge,
      repo,
      sha,
      config,
      changed: run.changed,
      checksRef: (name) => (checksFromBase.has(name) ? loaded.policyRef : sha),
      fetch: run.deps.fetch ?? globalThis.fetch,
    }),
  );
  await stage(run, CHECKS.data, () =>
    upsertCheck({
      forge,
      repo,
      spec: {
        name: CHECKS.data,
        head_sha: sha,
        status: "completed",
        conclusion: data.plan.conclusion,
        output: data.plan.output,
      },
    }),
  );
  sections.data = data.plan.section;

  // 3. Training.
  const approved =
    run.approvedBy !== undefined || (await approvedByLabel(run, config.training?.approval_label));
  const training = await stage(run, CHECKS.gates, () =>
    runTrainingStage({
      forge,
      repo,
      deps: run.deps,
      log: run.log,
      config,
      sha,
      ref: run.dispatchRef,
      ...(run.pull ? { pullRequest: run.pull.number } : {}),
      fork: run.pull?.fork ?? false,
      approved,
      dataPassed: data.plan.passed,
      hashes: data.hashes,
      reason: run.reason,
      ...(run.key ? { key: run.key } : {}),
    }),
  );
  Object.assign(sections, training.sections);
  if (training.handle && training.handle.kind !== "github-actions") {
    run.watcher?.watch({
      forge,
      repo,
      commit: sha,
      ...(run.pull ? { pullRequest: run.pull.number } : {}),
      handle: training.handle,
    });
  }

  // 4. Report.
  if (run.pull) await updateReport({ forge, repo, number: run.pull.number, updates: sections });
  return { config: "ok", dataPassed: data.plan.passed, training };
}

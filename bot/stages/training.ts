/**
 * Stage: decide and dispatch training for a commit. The `mlops/gates` check run, in progress with the
 * correlation id as external_id, is written BEFORE the dispatch: it is the record a redelivered or
 * concurrent event finds, so nothing is dispatched twice (git/GitHub is the database).
 */
import type { MlopsConfig } from "../../lib/config/types.gen.ts";
import type { CheckRunSpec, RepoRef } from "../../lib/forge.ts";
import { CHECKS } from "../../lib/pipeline/names.ts";
import { decideTraining, type TrainingDecision } from "../../lib/pipeline/training-decision.ts";
import { renderLineage, renderTraining } from "../../lib/report/lineage.ts";
import type { SectionName } from "../../lib/report/sections.ts";
import { correlationId } from "../../lib/runners/correlation.ts";
import type { RunHandle, RunReason } from "../../lib/runners/types.ts";
import type { BotDeps, BotLogger } from "../deps.ts";
import type { BotForge } from "../forge/bot-forge.ts";
import { upsertCheck } from "./check-runs.ts";
import { runnerFor } from "./runners.ts";

/** What the training stage did, for the report and the /retrain reply. */
export interface TrainingOutcome {
  decision: TrainingDecision;
  correlationId: string;
  sections: Partial<Record<SectionName, string | null>>;
  /** Set when a run was started in this call (the caller watches non-Actions runs). */
  handle?: RunHandle;
  /** Set when the dispatch failed: the reason, already reported on the check run. */
  error?: string;
}

const APPROVE_ACTION = {
  label: "Train",
  description: "Start training (maintainers only)",
  identifier: "retrain",
};

/** Decide, record, dispatch. */
export async function runTrainingStage(p: {
  forge: BotForge;
  repo: RepoRef;
  deps: BotDeps;
  log: BotLogger;
  config: MlopsConfig;
  sha: string;
  /** The branch the run starts on (workflow_dispatch needs one). */
  ref: string;
  pullRequest?: number;
  fork: boolean;
  approved: boolean;
  dataPassed: boolean;
  hashes: Record<string, string>;
  reason: RunReason;
  key?: string;
}): Promise<TrainingOutcome> {
  const { forge, repo, config, sha } = p;
  const repository = `${repo.owner}/${repo.repo}`;
  const id = await correlationId({
    repo: repository,
    sha,
    datasets: p.hashes,
    reason: p.reason,
    ...(p.key ? { key: p.key } : {}),
  });
  const existing = await forge.listCheckRuns({ ...repo, ref: sha, name: CHECKS.gates });
  const decision = decideTraining({
    training: config.training,
    dataPassed: p.dataPassed,
    fork: p.fork,
    approved: p.approved,
    correlationId: id,
    existing: existing.filter((c) => c.name === CHECKS.gates),
  });
  const outcome: TrainingOutcome = { decision, correlationId: id, sections: {} };
  const spec = (s: Omit<CheckRunSpec, "name" | "head_sha">): CheckRunSpec => ({
    name: CHECKS.gates,
    head_sha: sha,
    ...s,
  });
  const upsert = (s: CheckRunSpec) =>
    upsertCheck({
      forge,
      repo,
      spec: s,
      ...(decision.checkRunId ? { id: decision.checkRunId } : {}),
    });

  switch (decision.kind) {
    case "exists": {
      const status = existing.find((c) => c.id === decision.checkRunId)?.status;
      // Still running: the same sections again (no change). Finished: the gates section says it all.
      if (status !== "completed") {
        outcome.sections.training = renderTraining({
          state: "dispatched",
          text: "Training dispatched; the quality gates run when it finishes.",
          reason: p.reason,
        });
      }
      return outcome;
    }
    case "none":
      outcome.sections.training = null;
      return outcome;
    case "blocked":
    case "denied":
      await upsert(
        spec({
          status: "completed",
          conclusion: decision.kind === "blocked" ? "skipped" : "neutral",
          external_id: "",
          output: { title: "Training not started", summary: decision.reason },
        }),
      );
      outcome.sections.training = renderTraining({ state: "not-started", text: decision.reason });
      return outcome;
    case "await-approval":
      await upsert(
        spec({
          status: "queued",
          external_id: "",
          output: {
            title: "Waiting for a maintainer to approve training",
            summary: decision.reason,
          },
          actions: [APPROVE_ACTION],
        }),
      );
      outcome.sections.training = renderTraining({ state: "waiting", text: decision.reason });
      return outcome;
    case "dispatch":
      break;
  }

  const training = config.training!;
  const checkRunId = await upsert(
    spec({
      status: "in_progress",
      external_id: id,
      output: {
        title: "Training dispatched",
        summary: `Training runs on \`${training.runner}\` for \`${sha}\` (reason \`${p.reason}\`, correlation id \`${id}\`); the quality gates run when it finishes.`,
      },
      actions: [],
    }),
  );
  try {
    const runner = runnerFor(training, forge, p.deps);
    outcome.handle = await runner.dispatch({
      repository,
      sha,
      ref: p.ref,
      datasets: p.hashes,
      correlationId: id,
      reason: p.reason,
      ...(p.pullRequest !== undefined ? { pullRequest: p.pullRequest } : {}),
      training,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    outcome.error = message;
    p.log.error(`${repository}@${sha.slice(0, 7)}: training could not be dispatched: ${message}`);
    await upsertCheck({
      forge,
      repo,
      id: checkRunId,
      spec: spec({
        status: "completed",
        conclusion: "failure",
        external_id: id,
        output: { title: "Training could not be dispatched", summary: message },
      }),
    });
    outcome.sections.training = renderTraining({
      state: "failed",
      text: `Training could not be dispatched: ${message}`,
    });
    return outcome;
  }
  outcome.sections.training = renderTraining({
    state: "dispatched",
    text: "Training dispatched; the quality gates run when it finishes.",
    reason: p.reason,
  });
  outcome.sections.lineage = renderLineage({
    commit: sha,
    datasets: p.hashes,
    correlationId: id,
    runner: training.runner,
  });
  outcome.sections.gates = null;
  outcome.sections.run = null;
  return outcome;
}

/** Whether to dispatch training for a commit, decided from what GitHub already shows (no database). */
import type { Training } from "../config/types.gen.ts";

/** A check run as listed on the commit. */
export interface ExistingCheck {
  id: number;
  external_id: string | null;
  status: string;
}

/**
 * The decision. `reason` is the sentence the gates check run shows when training does not start;
 * `checkRunId` is the `mlops/gates` check run to reuse (update) instead of creating another.
 */
export interface TrainingDecision {
  kind: "none" | "blocked" | "await-approval" | "denied" | "exists" | "dispatch";
  reason: string;
  checkRunId?: number;
}

/**
 * Decide for one commit. `existing` are the `mlops/gates` check runs on it: one whose external_id is
 * this request's correlation id means the dispatch already happened (a redelivery or a concurrent
 * event), so nothing is dispatched twice.
 */
export function decideTraining(params: {
  training: Training | undefined;
  dataPassed: boolean;
  fork: boolean;
  /** A maintainer's /retrain, or the approval label on the pull request. */
  approved: boolean;
  correlationId: string;
  existing: ExistingCheck[];
}): TrainingDecision {
  const { training, existing, correlationId } = params;
  const same = existing.find((c) => c.external_id === correlationId);
  if (same)
    return {
      kind: "exists",
      reason: "Training was already dispatched for this commit and data.",
      checkRunId: same.id,
    };
  const reuse = existing[0] === undefined ? {} : { checkRunId: existing[0].id };
  if (!training)
    return { kind: "none", reason: "No training is configured in .github/mlops.yml.", ...reuse };
  if (!params.dataPassed) {
    return {
      kind: "blocked",
      reason: "Training was not started because the data checks failed.",
      ...reuse,
    };
  }
  if (params.fork && !params.approved) {
    const policy = training.forks ?? "require-approval";
    if (policy === "deny") {
      return {
        kind: "denied",
        reason: "Training does not run for pull requests from forks (training.forks: deny).",
        ...reuse,
      };
    }
    if (policy === "require-approval") {
      const label = training.approval_label;
      const how = label
        ? `a maintainer comments \`/retrain\` or adds the \`${label}\` label`
        : "a maintainer comments `/retrain`";
      return {
        kind: "await-approval",
        reason: `This pull request comes from a fork: data checks ran, but training waits until ${how}.`,
        ...reuse,
      };
    }
  }
  return { kind: "dispatch", reason: "", ...reuse };
}

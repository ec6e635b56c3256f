/**
 * The GitHub Actions runner: training is a `workflow_dispatch` of the user's workflow; its run is
 * found through `workflow_run` events (GitHub returns no run id on dispatch), matched by the
 * correlation id the workflow's `run-name` shows (see RUN_NAME_LINE).
 */
import type { Forge, RepoRef } from "../forge.ts";
import { matchWorkflowRun, type WorkflowRunMatch } from "./correlation.ts";
import { resultFromArtifacts } from "./outputs.ts";
import {
  type RunConclusion,
  type RunHandle,
  type Runner,
  RunnerError,
  type RunOutputs,
  type RunRequest,
  type RunStatus,
  type TrainingConfig,
} from "./types.ts";

export { resultFromArtifacts };

/** A workflow run as the REST API lists it (the fields used here). */
export interface WorkflowRunSummary {
  id: number;
  display_title: string;
  name?: string | null;
  head_sha: string;
  status: string | null;
  conclusion: string | null;
  html_url?: string;
  path?: string;
}

/**
 * The Forge methods this runner uses. `listWorkflowRuns` is optional (not in lib/forge.ts yet): with
 * it, dispatch finds a run already started for the same correlation id and poll needs no event.
 */
export type ActionsForge = Pick<
  Forge,
  "dispatchWorkflow" | "listArtifacts" | "downloadArtifact"
> & {
  listWorkflowRuns?(p: RepoRef & { workflow: string }): Promise<WorkflowRunSummary[]>;
};

/** The workflow_dispatch inputs the training workflow must declare (all strings; mlops_pr may be empty). */
export const ACTIONS_INPUTS = [
  "mlops_correlation_id",
  "mlops_commit",
  "mlops_datasets",
  "mlops_reason",
  "mlops_pr",
] as const;

function repoRef(repository: string): RepoRef {
  const [owner, repo, extra] = repository.split("/");
  if (!owner || !repo || extra !== undefined) {
    throw new RunnerError(`repository "${repository}" is not owner/name; pass the full name`);
  }
  return { owner, repo };
}

/** The workflow_dispatch inputs of a request: the config's `training.inputs`, then ours (ours win). */
export function actionsInputs(req: RunRequest): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.training.inputs ?? {})) {
    if (value !== undefined) inputs[key] = String(value);
  }
  const datasets = Object.fromEntries(
    Object.entries(req.datasets).sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  inputs.mlops_correlation_id = req.correlationId;
  inputs.mlops_commit = req.sha;
  inputs.mlops_datasets = JSON.stringify(datasets);
  inputs.mlops_reason = req.reason;
  inputs.mlops_pr = req.pullRequest === undefined ? "" : String(req.pullRequest);
  return inputs;
}

const CONCLUSIONS: Record<string, RunConclusion> = {
  success: "success",
  failure: "failure",
  startup_failure: "failure",
  cancelled: "cancelled",
  timed_out: "timed_out",
};

async function artifactFiles(
  forge: ActionsForge,
  repo: RepoRef,
  runId: number,
  artifact: string | undefined,
): Promise<{ files: Record<string, Uint8Array>; problem?: string }> {
  const list = await forge.listArtifacts({ ...repo, run_id: runId });
  const chosen = artifact ? list.filter((a) => a.name === artifact) : list;
  if (chosen.length === 0) {
    const names = list.map((a) => a.name).sort();
    const found = names.length ? names.join(", ") : "none";
    return {
      files: {},
      problem: artifact
        ? `the run uploaded no artifact "${artifact}" (found: ${found}); upload it with actions/upload-artifact or set training.metrics_artifact`
        : "the run uploaded no artifact; upload the metrics file with actions/upload-artifact",
    };
  }
  const files: Record<string, Uint8Array> = {};
  for (const a of chosen) {
    const entries = await forge.downloadArtifact({ ...repo, artifact_id: a.id });
    for (const [path, bytes] of Object.entries(entries)) files[path] ??= bytes;
  }
  return { files };
}

/**
 * The status of a matched workflow run; when completed with success, its outputs from the artifact
 * `training.metrics_artifact` (or every artifact when unset). The bot calls this on `workflow_run`.
 */
export async function actionsRunStatus(params: {
  forge: ActionsForge;
  repository: string;
  match: Pick<WorkflowRunMatch, "runId" | "status" | "conclusion" | "url">;
  training: TrainingConfig;
}): Promise<RunStatus> {
  const { forge, match, training } = params;
  const url = match.url ? { url: match.url } : {};
  if (match.status !== "completed") {
    return { state: match.status === "in_progress" ? "in_progress" : "queued", ...url };
  }
  const conclusion = CONCLUSIONS[match.conclusion ?? ""] ?? "failure";
  if (conclusion !== "success") {
    return {
      state: "completed",
      conclusion,
      ...url,
      message: `the training workflow run concluded "${match.conclusion ?? "unknown"}"`,
      outputs: { problems: [] },
    };
  }
  const repo = repoRef(params.repository);
  const { files, problem } = await artifactFiles(
    forge,
    repo,
    match.runId,
    training.metrics_artifact,
  );
  const outputs: RunOutputs = problem
    ? { problems: [problem] }
    : resultFromArtifacts(files, training);
  return { state: "completed", conclusion, ...url, outputs };
}

/** A GitHub Actions runner over a Forge. */
export function createGitHubActionsRunner(params: { forge: ActionsForge }): Runner {
  const { forge } = params;

  async function findRun(
    repository: string,
    workflow: string,
    id: string,
  ): Promise<WorkflowRunMatch | null> {
    if (!forge.listWorkflowRuns) return null;
    const runs = await forge.listWorkflowRuns({ ...repoRef(repository), workflow });
    for (const run of runs) {
      const match = matchWorkflowRun(run);
      if (match?.correlationId === id) return match;
    }
    return null;
  }

  function workflowOf(training: TrainingConfig): string {
    if (!training.workflow) {
      throw new RunnerError(
        "training.workflow is not set; name the workflow file in .github/workflows (e.g. train.yml)",
      );
    }
    return training.workflow;
  }

  return {
    kind: "github-actions",

    async dispatch(req) {
      const workflow = workflowOf(req.training);
      const base = {
        kind: "github-actions" as const,
        correlationId: req.correlationId,
        repository: req.repository,
        training: req.training,
      };
      const existing = await findRun(req.repository, workflow, req.correlationId);
      if (existing) {
        const handle: RunHandle = { ...base, id: String(existing.runId), created: false };
        if (existing.url) handle.url = existing.url;
        return handle;
      }
      await forge.dispatchWorkflow({
        ...repoRef(req.repository),
        workflow,
        ref: req.ref,
        inputs: actionsInputs(req),
      });
      return { ...base, id: null, created: true };
    },

    async poll(handle) {
      const match = await findRun(
        handle.repository,
        workflowOf(handle.training),
        handle.correlationId,
      );
      // Without a run listing, the run is known only from its workflow_run event (actionsRunStatus).
      if (!match) return { state: "queued" };
      return actionsRunStatus({
        forge,
        repository: handle.repository,
        match,
        training: handle.training,
      });
    },
  };
}

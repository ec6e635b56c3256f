/**
 * `workflow_run` completed: match the run to the training request that started it (the correlation id
 * in its title, else the run manifest in its artifact), read its metrics, evaluate the gates against
 * production, complete `mlops/gates`, and update the report.
 */
import type { Context } from "probot";
import { RUN_MANIFEST } from "../../lib/pipeline/names.ts";
import { matchFromManifest, parseManifest } from "../../lib/pipeline/run-manifest.ts";
import { matchWorkflowRun, type WorkflowRunMatch } from "../../lib/runners/correlation.ts";
import { actionsRunStatus } from "../../lib/runners/github-actions.ts";
import { commitKey, type HandlerTools } from "../context.ts";
import { finishRun } from "./finish-run.ts";

type RunPayload = {
  id: number;
  event: string;
  status: string | null;
  conclusion: string | null;
  html_url: string;
  path: string;
  head_sha: string;
};

/** The match from the title, else from a manifest in the run's artifacts; null when the run is not ours. */
async function matchRun(
  tools: HandlerTools,
  payload: unknown,
  run: RunPayload,
): Promise<WorkflowRunMatch | null> {
  const fromTitle = matchWorkflowRun(payload);
  if (fromTitle) return fromTitle;
  if (run.event !== "workflow_dispatch") return null;
  const artifacts = await tools.forge.listArtifacts({ ...tools.repo, run_id: run.id });
  for (const artifact of artifacts) {
    const files = await tools.forge.downloadArtifact({ ...tools.repo, artifact_id: artifact.id });
    const entry = Object.entries(files).find(
      ([path]) => path === RUN_MANIFEST || path.endsWith(`/${RUN_MANIFEST}`),
    );
    const manifest = entry ? parseManifest(new TextDecoder().decode(entry[1])) : null;
    if (manifest) return matchFromManifest(run, manifest);
  }
  return null;
}

/** Handle workflow_run.completed. */
export async function onWorkflowRun(
  context: Context<"workflow_run">,
  tools: HandlerTools,
): Promise<void> {
  if (context.payload.action !== "completed") return;
  const run = context.payload.workflow_run as unknown as RunPayload;
  // 1. Which request started this run?
  const match = await matchRun(tools, context.payload, run);
  if (!match) return;
  await tools.lock.run(commitKey(tools.repo, match.commit), () =>
    // 2. Its outputs, then the gates and the report.
    finishRun(tools, {
      commit: match.commit,
      correlationId: match.correlationId,
      ...(match.pullRequest !== undefined ? { pullRequest: match.pullRequest } : {}),
      status: (training) =>
        actionsRunStatus({
          forge: tools.forge,
          repository: `${tools.repo.owner}/${tools.repo.repo}`,
          match,
          training,
        }),
    }),
  );
}

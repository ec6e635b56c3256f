/** `repository_dispatch` from monitoring: drift (`mlops-drift` or triggers.drift) and degradation retrain on the default branch. */
import type { Context } from "probot";
import { dispatchReason } from "../../lib/pipeline/triggers.ts";
import { commitKey, type HandlerTools } from "../context.ts";
import { runPipeline } from "../pipeline.ts";
import { loadConfig } from "../stages/load-config.ts";

/** Handle a repository_dispatch event. */
export async function onRepositoryDispatch(
  context: Context<"repository_dispatch">,
  tools: HandlerTools,
): Promise<void> {
  const { forge, repo, log } = tools;
  const eventType =
    (context.payload as { action?: string; event_type?: string }).event_type ??
    context.payload.action;
  // 1. The default branch's head and config: is this event a trigger?
  const branch = await forge.getDefaultBranch(repo);
  const sha = await forge.getBranchSha({ ...repo, branch });
  if (!sha) return;
  const loaded = await loadConfig({ forge, repo, ref: sha });
  if (loaded.kind !== "ok") return;
  const reason = dispatchReason(eventType, loaded.config.triggers);
  if (!reason) return;
  log.info(
    `${repo.owner}/${repo.repo}: ${eventType} → retraining ${branch}@${sha.slice(0, 7)} (${reason})`,
  );
  // 2. The pipeline on the head, keyed by the delivery (a redelivery repeats it; a new alert does not).
  const clientId = (context.payload.client_payload as { id?: unknown } | null)?.id;
  const key =
    typeof clientId === "string" || typeof clientId === "number" ? String(clientId) : context.id;
  await tools.lock.run(commitKey(repo, sha), () =>
    runPipeline({
      ...tools,
      sha,
      configRef: sha,
      changed: "all",
      dispatchRef: branch,
      reason,
      key: `${eventType}-${key}`,
    }),
  );
}

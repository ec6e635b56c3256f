/** `pull_request` opened / synchronize / reopened / labeled: the pipeline on the head commit. */
import type { Context } from "probot";
import type { PullRequestInfo } from "../../lib/forge.ts";
import { commitKey, type HandlerTools } from "../context.ts";
import { type PipelineResult, runPipeline } from "../pipeline.ts";

/** The pipeline for a pull request's head (also used by /retrain and check re-requests). */
export async function runPullPipeline(
  tools: HandlerTools,
  pull: PullRequestInfo,
  extra: {
    reason?: "pull_request" | "retrain";
    key?: string;
    approvedBy?: string;
    labeledBy?: { label: string; user: string };
  } = {},
): Promise<PipelineResult> {
  const { forge, repo } = tools;
  const sha = pull.head.sha;
  return tools.lock.run(commitKey(repo, sha), async () => {
    // 1. What the pull request changes.
    const changed = await forge.changedFiles({ ...repo, base: pull.base.sha, head: sha });
    // 2. The pipeline: config from the head for same-repo PRs, from the base for forks (a fork
    //    must not change what runs); training for a fork starts on the base branch.
    return runPipeline({
      ...tools,
      sha,
      configRef: pull.head.fork ? pull.base.sha : sha,
      // Gates and data checks always come from the base: a pull request cannot weaken its judges.
      policyRef: pull.base.sha,
      changed,
      dispatchRef: pull.head.fork ? pull.base.ref : pull.head.ref,
      reason: extra.reason ?? "pull_request",
      ...(extra.key ? { key: extra.key } : {}),
      ...(extra.approvedBy ? { approvedBy: extra.approvedBy } : {}),
      ...(extra.labeledBy ? { labeledBy: extra.labeledBy } : {}),
      pull: { number: pull.number, fork: pull.head.fork, labels: pull.labels },
    });
  });
}

/** Handle a pull_request event. */
export async function onPullRequest(
  context: Context<"pull_request">,
  tools: HandlerTools,
): Promise<void> {
  const { action, pull_request } = context.payload;
  if (pull_request.state !== "open") return;
  // 1. Read the pull request as the Forge shows it (fork, labels).
  const pull = await tools.forge.getPull({ ...tools.repo, pull_number: pull_request.number });
  // 2. A label can newly approve a fork's training (the pipeline checks the label and who added it).
  const label = (context.payload as { label?: { name: string } }).label;
  if (action === "labeled" && !label) return;
  // 3. Run.
  await runPullPipeline(
    tools,
    pull,
    action === "labeled" && label
      ? { labeledBy: { label: label.name, user: context.payload.sender.login } }
      : {},
  );
}

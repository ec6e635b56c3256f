/** `check_run` rerequested (run the pipeline again) and requested_action "retrain" (the fork approval button). */
import type { Context } from "probot";
import { CHECKS } from "../../lib/pipeline/names.ts";
import { commitKey, type HandlerTools } from "../context.ts";
import { runPipeline } from "../pipeline.ts";
import { retrain } from "./issue-comment.ts";
import { runPullPipeline } from "./pull-request.ts";

const OURS: string[] = Object.values(CHECKS);

/** Handle check_run.rerequested and check_run.requested_action. */
export async function onCheckRun(
  context: Context<"check_run">,
  tools: HandlerTools,
): Promise<void> {
  const { action, check_run, sender } = context.payload;
  if (!OURS.includes(check_run.name)) return;
  // GitHub leaves `pull_requests` empty for a fork's pull request: find it by its head instead, so
  // a fork is never mistaken for a push (which would train without a maintainer's approval).
  const number =
    check_run.pull_requests[0]?.number ?? (await pullByHead(tools, check_run.head_sha))?.number;
  // 1. The "Train" button on a fork's waiting gates check: the same as a maintainer's /retrain.
  if (action === "requested_action") {
    const identifier = (context.payload as { requested_action?: { identifier: string } })
      .requested_action?.identifier;
    if (identifier === "retrain" && number !== undefined) {
      await retrain(tools, {
        number,
        user: sender.login,
        key: `check-${check_run.id}-${context.id}`,
      });
    }
    return;
  }
  if (action !== "rerequested") return;
  // 2. Re-run: on the pull request when there is one; on the default branch's head as a push would;
  //    any other commit is left alone.
  if (number !== undefined) {
    const pull = await tools.forge.getPull({ ...tools.repo, pull_number: number });
    if (pull.head.sha === check_run.head_sha)
      await runPullPipeline(tools, pull, { key: `rerun-${check_run.id}-${context.id}` });
    return;
  }
  const branch = await tools.forge.getDefaultBranch(tools.repo);
  if ((await tools.forge.getBranchSha({ ...tools.repo, branch })) !== check_run.head_sha) {
    tools.log.info(
      `${tools.repo.owner}/${tools.repo.repo}@${check_run.head_sha.slice(0, 7)}: re-run requested on a commit that heads neither an open pull request nor ${branch}; nothing to do`,
    );
    return;
  }
  await tools.lock.run(commitKey(tools.repo, check_run.head_sha), () =>
    runPipeline({
      ...tools,
      sha: check_run.head_sha,
      configRef: check_run.head_sha,
      changed: "all",
      dispatchRef: branch,
      reason: "push",
      key: `rerun-${check_run.id}-${context.id}`,
    }),
  );
}

/** The open pull request whose head is `sha`, forks included. */
async function pullByHead(tools: HandlerTools, sha: string) {
  const open = await tools.forge.findPulls({ ...tools.repo, state: "open" });
  return open.find((p) => p.head.sha === sha);
}

/** `issue_comment` created: chat commands on pull requests (`/retrain` for now), permission-checked, answered once. */
import type { Context } from "probot";
import { parseCommands } from "../../lib/commands/parse.ts";
import type { HandlerTools } from "../context.ts";
import { MAINTAINERS } from "../pipeline.ts";
import { runPullPipeline } from "./pull-request.ts";

/** The hidden marker of the bot's reply to one comment: a redelivery finds it and does not answer twice. */
export const replyMarker = (commentId: number) => `<!-- mlops-bot:reply:${commentId} -->`;

async function reply(
  tools: HandlerTools,
  number: number,
  commentId: number,
  text: string,
): Promise<void> {
  const { forge, repo } = tools;
  const marker = replyMarker(commentId);
  const comments = await forge.listComments({ ...repo, issue_number: number });
  if (comments.some((c) => c.user.type === "Bot" && c.body.includes(marker))) return;
  await forge.createComment({ ...repo, issue_number: number, body: `${marker}\n${text}` });
}

/** `/retrain` by `user` on pull request `number` (also the check run's "Train" button). */
export async function retrain(
  tools: HandlerTools,
  p: { number: number; user: string; key: string; commentId?: number },
): Promise<void> {
  const { forge, repo } = tools;
  // 1. Permission: write or above.
  const permission = await forge.getPermission({ ...repo, username: p.user });
  const answer = (text: string) =>
    p.commentId === undefined ? Promise.resolve() : reply(tools, p.number, p.commentId, text);
  if (!MAINTAINERS.includes(permission)) {
    await answer(
      `@${p.user} \`/retrain\` needs write access to this repository (yours: ${permission}); ask a maintainer to comment \`/retrain\`.`,
    );
    return;
  }
  // 2. Acknowledge, then run the pipeline with the approval.
  if (p.commentId !== undefined)
    await forge.addReaction({ ...repo, comment_id: p.commentId, content: "+1" });
  const pull = await forge.getPull({ ...repo, pull_number: p.number });
  if (pull.state !== "open") {
    await answer(`@${p.user} this pull request is closed; reopen it to retrain.`);
    return;
  }
  const result = await runPullPipeline(tools, pull, {
    reason: "retrain",
    key: p.key,
    approvedBy: p.user,
  });
  // 3. Answer with what happened.
  const decision = result.training?.decision;
  const text =
    result.config === "absent"
      ? "this repository has no `.github/mlops.yml`, so there is nothing to train."
      : result.config === "invalid"
        ? "`.github/mlops.yml` is invalid (see the `mlops/config` check); fix it first."
        : result.training?.error
          ? `training could not be dispatched: ${result.training.error}`
          : decision?.kind === "dispatch"
            ? `training dispatched for \`${pull.head.sha.slice(0, 7)}\` (correlation id \`${result.training?.correlationId}\`).`
            : decision?.kind === "exists"
              ? "training was already dispatched for this request."
              : (decision?.reason ?? "nothing to train.");
  await answer(`@${p.user} ${text}`);
}

/** Handle issue_comment.created. */
export async function onIssueComment(
  context: Context<"issue_comment">,
  tools: HandlerTools,
): Promise<void> {
  const { comment, issue, action } = context.payload;
  // 1. Only new comments by people, on pull requests.
  if (action !== "created" || comment.user?.type === "Bot" || !issue.pull_request) return;
  // 2. The commands on their own lines.
  for (const command of parseCommands(comment.body)) {
    if (command.name === "retrain") {
      await retrain(tools, {
        number: issue.number,
        user: comment.user?.login ?? "",
        key: `comment-${comment.id}`,
        commentId: comment.id,
      });
      return;
    }
  }
}

/** Stage: write sections into the one sticky report comment of a pull request. */
import type { RepoRef } from "../../lib/forge.ts";
import { fitText, MAX_COMMENT } from "../../lib/pipeline/names.ts";
import type { SectionName } from "../../lib/report/sections.ts";
import { planSticky, reportComments } from "../../lib/report/sticky.ts";
import type { BotForge } from "../forge/bot-forge.ts";

/**
 * Apply `updates` to the report on pull request `number`: edit the bot's comment found by its marker,
 * or create it; after creating, list again and delete copies another replica made at the same time
 * (keeping the oldest), so exactly one remains. Callers hold the per-PR lock.
 */
export async function updateReport(p: {
  forge: BotForge;
  repo: RepoRef;
  number: number;
  updates: Partial<Record<SectionName, string | null>>;
}): Promise<void> {
  const { forge, repo, number } = p;
  if (Object.keys(p.updates).length === 0) return;
  const comments = await forge.listComments({ ...repo, issue_number: number });
  const plan = planSticky({ comments, updates: p.updates });
  if (plan.action === "update") {
    await forge.updateComment({
      ...repo,
      comment_id: plan.commentId,
      body: fitText(plan.body, MAX_COMMENT),
    });
  }
  if (plan.action === "create") {
    await forge.createComment({
      ...repo,
      issue_number: number,
      body: fitText(plan.body, MAX_COMMENT),
    });
    const again = reportComments(await forge.listComments({ ...repo, issue_number: number }));
    for (const extra of again.slice(1))
      await forge.deleteComment({ ...repo, comment_id: extra.id });
    // A copy created elsewhere first may lack our sections: apply them to the survivor.
    if (again.length > 1) await updateReport({ ...p });
    return;
  }
  for (const id of plan.remove) await forge.deleteComment({ ...repo, comment_id: id });
}

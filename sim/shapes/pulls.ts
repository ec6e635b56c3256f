/** Pull requests as GitHub renders them, with mergeability and stats computed from git. */
import { isoSeconds } from "../clock.ts";
import type { Issue, Repo } from "../state.ts";
import { fullRepo, nodeId, type ShapeContext, simpleUser } from "./accounts.ts";
import { authorAssociation, label } from "./issues.ts";

function findRepo(ctx: ShapeContext, fullName: string): Repo {
  return ctx.state.repos.get(fullName.toLowerCase())!;
}

/** Whether the pull's head merges cleanly into its base branch now (null once merged or closed). */
export async function mergeability(
  repo: Repo,
  i: Issue,
): Promise<{ mergeable: boolean | null; state: string }> {
  const pull = i.pull!;
  if (pull.merged || i.state === "closed") return { mergeable: null, state: "unknown" };
  const base = await repo.git.resolveCommit(pull.base.ref);
  if (!base) return { mergeable: false, state: "dirty" };
  const { clean } = await repo.git.mergeTree(base, pull.head.sha);
  return { mergeable: clean, state: clean ? "clean" : "dirty" };
}

/** The `pull-request-simple` fields (list responses). */
export function pullSimple(ctx: ShapeContext, repo: Repo, i: Issue) {
  const pull = i.pull!;
  const url = `${ctx.api}/repos/${repo.fullName}/pulls/${i.number}`;
  const issueUrl = `${ctx.api}/repos/${repo.fullName}/issues/${i.number}`;
  const html = `${ctx.api}/${repo.fullName}/pull/${i.number}`;
  const headRepo = findRepo(ctx, pull.head.repo);
  const statuses = `${ctx.api}/repos/${repo.fullName}/statuses/${pull.head.sha}`;
  const side = (r: Repo, ref: string, sha: string) => ({
    label: `${r.owner}:${ref}`,
    ref,
    sha,
    user: simpleUser(ctx, r.owner),
    repo: fullRepo(ctx, r),
  });
  return {
    url,
    id: i.id,
    node_id: nodeId("PR", i.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issueUrl,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${ctx.api}/repos/${repo.fullName}/pulls/comments{/number}`,
    comments_url: `${issueUrl}/comments`,
    statuses_url: statuses,
    number: i.number,
    state: i.state,
    locked: false,
    title: i.title,
    user: simpleUser(ctx, i.user),
    body: i.body,
    labels: i.labels.map((n) => label(ctx, repo, repo.labels.get(n)!)),
    milestone: null,
    active_lock_reason: null,
    created_at: isoSeconds(i.createdAt),
    updated_at: isoSeconds(i.updatedAt),
    closed_at: i.closedAt ? isoSeconds(i.closedAt) : null,
    merged_at: pull.mergedAt ? isoSeconds(pull.mergedAt) : null,
    merge_commit_sha: pull.mergeCommitSha,
    assignee: null,
    assignees: [],
    requested_reviewers: pull.requestedReviewers.map((l) => simpleUser(ctx, l)),
    requested_teams: [],
    head: side(headRepo, pull.head.ref, pull.head.sha),
    base: side(repo, pull.base.ref, pull.base.sha),
    _links: {
      self: { href: url },
      html: { href: html },
      issue: { href: issueUrl },
      comments: { href: `${issueUrl}/comments` },
      review_comments: { href: `${url}/comments` },
      review_comment: { href: `${ctx.api}/repos/${repo.fullName}/pulls/comments{/number}` },
      commits: { href: `${url}/commits` },
      statuses: { href: statuses },
    },
    author_association: authorAssociation(ctx, repo, i.user),
    auto_merge: null,
    draft: pull.draft,
  };
}

/** A full `pull-request` (get, create, update, webhook payloads). */
export async function pullRequest(ctx: ShapeContext, repo: Repo, i: Issue) {
  const pull = i.pull!;
  const { mergeable, state } = await mergeability(repo, i);
  const base = (await repo.git.mergeBase(pull.base.sha, pull.head.sha)) ?? pull.base.sha;
  const files = await repo.git.diffFiles(base, pull.head.sha);
  const commits = (await repo.git.revList([`${base}..${pull.head.sha}`])).length;
  const comments = [...ctx.state.comments.values()].filter(
    (c) => c.repo === i.repo && c.issueNumber === i.number,
  ).length;
  return {
    ...pullSimple(ctx, repo, i),
    merged: pull.merged,
    mergeable,
    rebaseable: mergeable,
    mergeable_state: state,
    merged_by: pull.mergedBy ? simpleUser(ctx, pull.mergedBy) : null,
    comments,
    review_comments: 0,
    maintainer_can_modify: pull.maintainerCanModify,
    commits,
    additions: files.reduce((n, f) => n + f.additions, 0),
    deletions: files.reduce((n, f) => n + f.deletions, 0),
    changed_files: files.length,
  };
}

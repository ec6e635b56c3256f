/** Issues, comments, labels, reactions and reviews as GitHub renders them. */
import { isoSeconds } from "../clock.ts";
import type { Comment, Issue, Label, Reaction, Repo, Review } from "../state.ts";
import { nodeId, type ShapeContext, simpleUser } from "./accounts.ts";

/** GitHub's author_association of `login` on `repo`. */
export function authorAssociation(ctx: ShapeContext, repo: Repo, login: string): string {
  if (repo.owner === login) return "OWNER";
  if (ctx.state.accounts.get(repo.owner)?.members?.has(login)) return "MEMBER";
  if (repo.collaborators.has(login)) return "COLLABORATOR";
  return "NONE";
}

/** A `label`. */
export function label(ctx: ShapeContext, repo: Repo, l: Label) {
  return {
    id: l.id,
    node_id: nodeId("LA", l.id),
    url: `${ctx.api}/repos/${repo.fullName}/labels/${encodeURIComponent(l.name)}`,
    name: l.name,
    description: l.description,
    color: l.color,
    default: false,
  };
}

/** The `reactions` rollup. */
export function reactionRollup(url: string, list: Reaction[]) {
  const count = (c: string) => list.filter((r) => r.content === c).length;
  return {
    url: `${url}/reactions`,
    total_count: list.length,
    "+1": count("+1"),
    "-1": count("-1"),
    laugh: count("laugh"),
    confused: count("confused"),
    heart: count("heart"),
    hooray: count("hooray"),
    eyes: count("eyes"),
    rocket: count("rocket"),
  };
}

/** A `reaction`. */
export function reaction(ctx: ShapeContext, r: Reaction) {
  return {
    id: r.id,
    node_id: nodeId("RE", r.id),
    user: simpleUser(ctx, r.user),
    content: r.content,
    created_at: isoSeconds(r.createdAt),
  };
}

/** An `issue` (also the issue side of a pull request, as in issue_comment payloads). */
export function issue(ctx: ShapeContext, repo: Repo, i: Issue) {
  const url = `${ctx.api}/repos/${repo.fullName}/issues/${i.number}`;
  const comments = [...ctx.state.comments.values()].filter(
    (c) => c.repo === i.repo && c.issueNumber === i.number,
  ).length;
  const out: Record<string, unknown> = {
    id: i.id,
    node_id: nodeId("I", i.id),
    url,
    repository_url: `${ctx.api}/repos/${repo.fullName}`,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `${ctx.api}/${repo.fullName}/${i.pull ? "pull" : "issues"}/${i.number}`,
    number: i.number,
    state: i.state,
    state_reason: null,
    title: i.title,
    body: i.body,
    user: simpleUser(ctx, i.user),
    labels: i.labels.map((n) => label(ctx, repo, repo.labels.get(n)!)),
    assignee: null,
    assignees: [],
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments,
    closed_at: i.closedAt ? isoSeconds(i.closedAt) : null,
    created_at: isoSeconds(i.createdAt),
    updated_at: isoSeconds(i.updatedAt),
    author_association: authorAssociation(ctx, repo, i.user),
    reactions: reactionRollup(url, i.reactions),
    timeline_url: `${url}/timeline`,
    performed_via_github_app: null,
  };
  if (i.pull) {
    const p = `${ctx.api}/repos/${repo.fullName}/pulls/${i.number}`;
    out.pull_request = {
      url: p,
      html_url: `${ctx.api}/${repo.fullName}/pull/${i.number}`,
      diff_url: `${ctx.api}/${repo.fullName}/pull/${i.number}.diff`,
      patch_url: `${ctx.api}/${repo.fullName}/pull/${i.number}.patch`,
      merged_at: i.pull.mergedAt ? isoSeconds(i.pull.mergedAt) : null,
    };
    out.draft = i.pull.draft;
  }
  return out;
}

/** An `issue-comment`. */
export function issueComment(ctx: ShapeContext, repo: Repo, c: Comment) {
  const url = `${ctx.api}/repos/${repo.fullName}/issues/comments/${c.id}`;
  const app = c.viaApp === undefined ? undefined : ctx.state.apps.get(c.viaApp);
  return {
    id: c.id,
    node_id: nodeId("IC", c.id),
    url,
    html_url: `${ctx.api}/${repo.fullName}/issues/${c.issueNumber}#issuecomment-${c.id}`,
    issue_url: `${ctx.api}/repos/${repo.fullName}/issues/${c.issueNumber}`,
    body: c.body,
    user: simpleUser(ctx, c.user),
    created_at: isoSeconds(c.createdAt),
    updated_at: isoSeconds(c.updatedAt),
    author_association: authorAssociation(ctx, repo, c.user),
    reactions: reactionRollup(url, c.reactions),
    performed_via_github_app: app ? appSummary(ctx, app.id) : null,
  };
}

function appSummary(ctx: ShapeContext, appId: number) {
  const app = ctx.state.apps.get(appId)!;
  return {
    id: app.id,
    slug: app.slug,
    node_id: nodeId("A", app.id),
    owner: simpleUser(ctx, app.owner),
    name: app.name,
    description: null,
    external_url: `${ctx.api}/apps/${app.slug}`,
    html_url: `${ctx.api}/apps/${app.slug}`,
    created_at: isoSeconds(app.createdAt),
    updated_at: isoSeconds(app.createdAt),
    permissions: {},
    events: [],
  };
}

/** A `pull-request-review`. */
export function review(ctx: ShapeContext, repo: Repo, r: Review) {
  const pr = `${ctx.api}/repos/${repo.fullName}/pulls/${r.pullNumber}`;
  const html = `${ctx.api}/${repo.fullName}/pull/${r.pullNumber}#pullrequestreview-${r.id}`;
  return {
    id: r.id,
    node_id: nodeId("PRR", r.id),
    user: simpleUser(ctx, r.user),
    body: r.body,
    state: r.state,
    html_url: html,
    pull_request_url: pr,
    _links: { html: { href: html }, pull_request: { href: pr } },
    submitted_at: isoSeconds(r.submittedAt),
    commit_id: r.commitId,
    author_association: authorAssociation(ctx, repo, r.user),
  };
}

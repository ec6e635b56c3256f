/** Issue and pull request comments, labels and reactions, with issue_comment webhooks. */
import { newId, type SimCore } from "../core.ts";
import { HttpError, notFound } from "../http-error.ts";
import { issueComment, issue as issueShape, label as labelShape } from "../shapes/issues.ts";
import { pullRequest } from "../shapes/pulls.ts";
import { type Comment, type Issue, issueKey, type Reaction, type Repo } from "../state.ts";
import { hookBase } from "../webhooks/context.ts";

/** The issue or pull `number` of `repo`, or 404. */
export function issueOr404(core: SimCore, repo: Repo, number: number): Issue {
  const issue = core.state.issues.get(issueKey(repo.fullName, number));
  if (!issue) throw notFound();
  return issue;
}

/** The comment `id` of `repo`, or 404. */
export function commentOr404(core: SimCore, repo: Repo, id: number): Comment {
  const c = core.state.comments.get(id);
  if (!c || c.repo !== repo.fullName) throw notFound();
  return c;
}

function announce(
  core: SimCore,
  repo: Repo,
  c: Comment,
  action: string,
  sender: string,
  extra: Record<string, unknown> = {},
) {
  const issue = issueOr404(core, repo, c.issueNumber);
  core.outbox.emit("issue_comment", {
    action,
    ...extra,
    issue: issueShape(core, repo, issue),
    comment: issueComment(core, repo, c),
    ...hookBase(core, repo, sender),
  });
}

/** Comment on an issue or pull request as `user` (an app's bot user when `viaApp` is set). */
export function createComment(
  core: SimCore,
  p: { repo: Repo; number: number; user: string; body: string; viaApp?: number },
): Comment {
  const issue = issueOr404(core, p.repo, p.number);
  const now = core.clock.now();
  const c: Comment = {
    id: newId(core),
    repo: p.repo.fullName,
    issueNumber: p.number,
    user: p.user,
    body: p.body,
    createdAt: now,
    updatedAt: now,
    reactions: [],
  };
  if (p.viaApp !== undefined) c.viaApp = p.viaApp;
  core.state.comments.set(c.id, c);
  issue.updatedAt = now;
  announce(core, p.repo, c, "created", p.user);
  return c;
}

/** Open an issue (no webhook: the bot does not subscribe to `issues`). */
export function createIssue(
  core: SimCore,
  p: { repo: Repo; title: string; body?: string | null; user: string; labels?: string[] },
): Issue {
  let n = 0;
  for (const i of core.state.issues.values())
    if (i.repo === p.repo.fullName && i.number > n) n = i.number;
  const now = core.clock.now();
  const issue: Issue = {
    id: newId(core),
    repo: p.repo.fullName,
    number: n + 1,
    title: p.title,
    body: p.body ?? null,
    user: p.user,
    state: "open",
    labels: [],
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    reactions: [],
  };
  core.state.issues.set(issueKey(p.repo.fullName, issue.number), issue);
  if (p.labels?.length) addLabels(core, p.repo, issue, p.labels);
  return issue;
}

/** Delete a comment; sends issue_comment.deleted. */
export function deleteComment(
  core: SimCore,
  p: { repo: Repo; comment: Comment; user: string },
): void {
  announce(core, p.repo, p.comment, "deleted", p.user);
  core.state.comments.delete(p.comment.id);
}

/** Edit a comment's body. */
export function updateComment(
  core: SimCore,
  p: { repo: Repo; comment: Comment; user: string; body: string },
): Comment {
  const from = p.comment.body;
  p.comment.body = p.body;
  p.comment.updatedAt = core.clock.now();
  announce(core, p.repo, p.comment, "edited", p.user, { changes: { body: { from } } });
  return p.comment;
}

const REACTIONS = ["+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"];

/** Add a reaction (idempotent per user and content, as GitHub: returns the existing one and `created: false`). */
export function addReaction(
  core: SimCore,
  list: Reaction[],
  user: string,
  content: string,
): { reaction: Reaction; created: boolean } {
  if (!REACTIONS.includes(content)) throw new HttpError(422, "Validation Failed");
  const existing = list.find((r) => r.user === user && r.content === content);
  if (existing) return { reaction: existing, created: false };
  const reaction = { id: newId(core), user, content, createdAt: core.clock.now() };
  list.push(reaction);
  return { reaction, created: true };
}

/** Add labels to an issue, creating unknown labels in the repository; returns the names newly added. */
export function addLabels(core: SimCore, repo: Repo, issue: Issue, names: string[]): string[] {
  const added: string[] = [];
  for (const name of names) {
    if (!repo.labels.has(name))
      repo.labels.set(name, { id: newId(core), name, color: "ededed", description: null });
    if (!issue.labels.includes(name)) {
      issue.labels.push(name);
      added.push(name);
    }
  }
  issue.updatedAt = core.clock.now();
  return added;
}

// GitHub announces each label change on a pull request as pull_request.labeled / unlabeled, with the
// label and the sender (who changed it); plain issues get `issues` events, which the bot does not use.
async function announceLabel(
  core: SimCore,
  p: { repo: Repo; issue: Issue; action: "labeled" | "unlabeled"; name: string; user: string },
): Promise<void> {
  if (!p.issue.pull) return;
  const l = p.repo.labels.get(p.name);
  core.outbox.emit("pull_request", {
    action: p.action,
    number: p.issue.number,
    pull_request: await pullRequest(core, p.repo, p.issue),
    ...(l ? { label: labelShape(core, p.repo, l) } : {}),
    ...hookBase(core, p.repo, p.user),
  });
}

/** Add labels as `user`; a pull request gets one pull_request.labeled per label newly added. */
export async function labelIssue(
  core: SimCore,
  p: { repo: Repo; issue: Issue; names: string[]; user: string },
): Promise<void> {
  for (const name of addLabels(core, p.repo, p.issue, p.names))
    await announceLabel(core, { ...p, action: "labeled", name });
}

/** Remove a label as `user` (404 when the issue lacks it); a pull request gets pull_request.unlabeled. */
export async function unlabelIssue(
  core: SimCore,
  p: { repo: Repo; issue: Issue; name: string; user: string },
): Promise<void> {
  if (!p.issue.labels.includes(p.name)) throw new HttpError(404, "Label does not exist");
  p.issue.labels = p.issue.labels.filter((n) => n !== p.name);
  p.issue.updatedAt = core.clock.now();
  await announceLabel(core, { ...p, action: "unlabeled" });
}

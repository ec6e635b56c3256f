/** Pull request life cycle: open, edit, close/reopen, review and merge, each with the webhook GitHub sends. */
import { newId, type SimCore } from "../core.ts";
import { HttpError, validationFailed } from "../http-error.ts";
import { review as reviewShape } from "../shapes/issues.ts";
import { pullRequest } from "../shapes/pulls.ts";
import { type Issue, issueKey, type Repo, type Review } from "../state.ts";
import { hookBase } from "../webhooks/context.ts";
import { signatureOf } from "./commit-files.ts";
import { linkPullHead, moveRef } from "./refs.ts";

/** The next issue/pull number of a repository. */
export function nextNumber(core: SimCore, repo: Repo): number {
  let n = 0;
  for (const i of core.state.issues.values())
    if (i.repo === repo.fullName && i.number > n) n = i.number;
  return n + 1;
}

/** The pull request `number` of `repo`, or 404. */
export function pullOr404(core: SimCore, repo: Repo, number: number): Issue {
  const issue = core.state.issues.get(issueKey(repo.fullName, number));
  if (!issue?.pull) throw new HttpError(404, "Not Found");
  return issue;
}

async function announce(
  core: SimCore,
  repo: Repo,
  issue: Issue,
  action: string,
  sender: string,
  extra: Record<string, unknown> = {},
) {
  core.outbox.emit("pull_request", {
    action,
    number: issue.number,
    ...extra,
    pull_request: await pullRequest(core, repo, issue),
    ...hookBase(core, repo, sender),
  });
}

export interface OpenPull {
  repo: Repo;
  /** "branch" in the same repository or "owner:branch" of a fork. */
  head: string;
  base: string;
  title: string;
  body?: string | null;
  user: string;
  draft?: boolean;
  maintainerCanModify?: boolean;
}

/** Open a pull request; 422 like GitHub for a missing branch, no commits between, or a duplicate. */
export async function openPull(core: SimCore, p: OpenPull): Promise<Issue> {
  const [headOwner, headBranch] = p.head.includes(":")
    ? (p.head.split(":", 2) as [string, string])
    : [p.repo.owner, p.head];
  const headRepo = [...core.state.repos.values()].find(
    (r) =>
      r.owner.toLowerCase() === headOwner.toLowerCase() &&
      (r === p.repo || r.parent?.toLowerCase() === p.repo.fullName.toLowerCase()),
  );
  const headSha = headRepo ? await headRepo.git.resolve(`refs/heads/${headBranch}`) : null;
  if (!headRepo || !headSha) throw validationFailed("PullRequest", "head", "invalid");
  const baseSha = await p.repo.git.resolve(`refs/heads/${p.base}`);
  if (!baseSha) throw validationFailed("PullRequest", "base", "invalid");
  for (const i of core.state.issues.values()) {
    if (
      i.repo === p.repo.fullName &&
      i.state === "open" &&
      i.pull?.head.repo === headRepo.fullName &&
      i.pull.head.ref === headBranch &&
      i.pull.base.ref === p.base
    ) {
      throw validationFailed(
        "PullRequest",
        "",
        "custom",
        `A pull request already exists for ${headOwner}:${headBranch}.`,
      );
    }
  }
  const number = nextNumber(core, p.repo);
  await linkPullHead(p.repo, headRepo, number, headBranch, headSha);
  if ((await p.repo.git.revList([`${baseSha}..${headSha}`, "--max-count=1"])).length === 0) {
    await p.repo.git.deleteRef(`refs/pull/${number}/head`);
    throw validationFailed(
      "PullRequest",
      "",
      "custom",
      `No commits between ${p.base} and ${headBranch}`,
    );
  }
  const now = core.clock.now();
  const issue: Issue = {
    id: newId(core),
    repo: p.repo.fullName,
    number,
    title: p.title,
    body: p.body ?? null,
    user: p.user,
    state: "open",
    labels: [],
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    reactions: [],
    pull: {
      head: { repo: headRepo.fullName, ref: headBranch, sha: headSha },
      base: { ref: p.base, sha: baseSha },
      draft: p.draft ?? false,
      merged: false,
      mergedAt: null,
      mergedBy: null,
      mergeCommitSha: null,
      requestedReviewers: [],
      requestedTeams: [],
      maintainerCanModify: p.maintainerCanModify ?? headRepo !== p.repo,
    },
  };
  core.state.issues.set(issueKey(p.repo.fullName, number), issue);
  await announce(core, p.repo, issue, "opened", p.user);
  return issue;
}

export interface UpdatePull {
  repo: Repo;
  issue: Issue;
  user: string;
  title?: string;
  body?: string | null;
  state?: "open" | "closed";
  base?: string;
}

/** Edit, close or reopen a pull request. */
export async function updatePull(core: SimCore, u: UpdatePull): Promise<void> {
  const { issue, repo } = u;
  const pull = issue.pull!;
  const changes: Record<string, { from: unknown }> = {};
  if (u.title !== undefined && u.title !== issue.title) {
    changes.title = { from: issue.title };
    issue.title = u.title;
  }
  if (u.body !== undefined && u.body !== issue.body) {
    changes.body = { from: issue.body };
    issue.body = u.body;
  }
  if (u.base !== undefined && u.base !== pull.base.ref) {
    const sha = await repo.git.resolve(`refs/heads/${u.base}`);
    if (!sha) throw validationFailed("PullRequest", "base", "invalid");
    changes.base = { from: { ref: pull.base.ref, sha: pull.base.sha } } as never;
    pull.base = { ref: u.base, sha };
  }
  issue.updatedAt = core.clock.now();
  if (Object.keys(changes).length > 0)
    await announce(core, repo, issue, "edited", u.user, { changes });
  if (u.state && u.state !== issue.state) {
    if (pull.merged)
      throw validationFailed(
        "PullRequest",
        "state",
        "custom",
        "Cannot change the state of a merged pull request.",
      );
    issue.state = u.state;
    issue.closedAt = u.state === "closed" ? core.clock.now() : null;
    await announce(core, repo, issue, u.state === "closed" ? "closed" : "reopened", u.user);
  }
}

export interface MergePull {
  repo: Repo;
  issue: Issue;
  user: string;
  sha?: string;
  method?: "merge" | "squash" | "rebase";
  title?: string;
  message?: string;
}

/** Merge like GitHub: 405 when not mergeable, 409 on a head-sha mismatch or a base that moved; a real merge commit. */
export async function mergePull(core: SimCore, m: MergePull): Promise<{ sha: string }> {
  const { repo, issue } = m;
  const pull = issue.pull!;
  if (pull.merged || issue.state !== "open")
    throw new HttpError(405, "Pull Request is not mergeable");
  if (m.sha !== undefined && m.sha !== pull.head.sha)
    throw new HttpError(409, "Head branch was modified. Review and try the merge again.");
  const baseRef = `refs/heads/${pull.base.ref}`;
  const base = await repo.git.resolve(baseRef);
  if (!base) throw new HttpError(405, "Pull Request is not mergeable");
  const merged = await repo.git.mergeTree(base, pull.head.sha);
  if (!merged.clean) throw new HttpError(405, "Pull Request is not mergeable");
  const headRepo = core.state.repos.get(pull.head.repo.toLowerCase())!;
  const method = m.method ?? "merge";
  const sig = signatureOf(core, m.user);
  let sha: string;
  if (method === "merge") {
    const title =
      m.title ?? `Merge pull request #${issue.number} from ${headRepo.owner}/${pull.head.ref}`;
    const message = m.message ?? issue.title;
    sha = await repo.git.commitTree({
      tree: merged.tree,
      parents: [base, pull.head.sha],
      message: `${title}\n\n${message}\n`,
      author: sig,
    });
  } else if (method === "squash") {
    const title = m.title ?? `${issue.title} (#${issue.number})`;
    const message = m.message ? `${title}\n\n${m.message}\n` : `${title}\n`;
    sha = await repo.git.commitTree({ tree: merged.tree, parents: [base], message, author: sig });
  } else {
    sha = await rebase(core, {
      repo,
      base,
      head: pull.head.sha,
      merged: merged.tree,
      user: m.user,
    });
  }
  const moved = await moveRef(core, { repo, ref: baseRef, sha, old: base, sender: m.user });
  if (!moved.ok)
    throw new HttpError(409, "Base branch was modified. Review and try the merge again.");
  const now = core.clock.now();
  Object.assign(pull, { merged: true, mergedAt: now, mergedBy: m.user, mergeCommitSha: sha });
  issue.state = "closed";
  issue.closedAt = now;
  issue.updatedAt = now;
  await announce(core, repo, issue, "closed", m.user);
  return { sha };
}

/**
 * Replay each head commit onto base, taking the files each commit changed. The last commit gets the
 * three-way merged tree, so the result always equals a merge (git 2.39's merge-tree cannot replay
 * single commits; intermediate commits may miss base-side edits to the same files).
 */
async function rebase(
  core: SimCore,
  p: { repo: Repo; base: string; head: string; merged: string; user: string },
): Promise<string> {
  const git = p.repo.git;
  const mergeBase = await git.mergeBase(p.base, p.head);
  const commits = (
    await git.revList([`${mergeBase ?? p.base}..${p.head}`, "--no-merges"])
  ).reverse();
  let tip = p.base;
  for (const [i, sha] of commits.entries()) {
    const c = await git.readCommit(sha);
    const changes = (await git.diffFiles(c.parents[0]!, sha)).map((f) => ({
      path: f.filename,
      sha: f.status === "removed" ? null : f.sha,
    }));
    const tree = i === commits.length - 1 ? p.merged : await git.writeTree(tip, changes);
    tip = await git.commitTree({
      tree,
      parents: [tip],
      message: c.message,
      author: c.author,
      committer: signatureOf(core, p.user),
    });
  }
  return tip;
}

export interface SubmitReview {
  repo: Repo;
  issue: Issue;
  user: string;
  event: "APPROVE" | "REQUEST_CHANGES" | "COMMENT";
  body?: string;
  commitId?: string;
}

/** Submit a review; 422 when the author reviews their own pull (approve or request changes), as GitHub does. */
export async function submitReview(core: SimCore, s: SubmitReview): Promise<Review> {
  const state =
    s.event === "APPROVE"
      ? "APPROVED"
      : s.event === "REQUEST_CHANGES"
        ? "CHANGES_REQUESTED"
        : "COMMENTED";
  if (state !== "COMMENTED" && s.issue.user === s.user) {
    const what = state === "APPROVED" ? "approve" : "request changes on";
    throw new HttpError(422, "Unprocessable Entity", {
      errors: [`Review Can not ${what} your own pull request`],
    });
  }
  if (state !== "APPROVED" && !s.body) {
    throw new HttpError(422, "Unprocessable Entity", {
      errors: ["Review body is required for this event"],
    });
  }
  const r: Review = {
    id: newId(core),
    repo: s.repo.fullName,
    pullNumber: s.issue.number,
    user: s.user,
    body: s.body ?? "",
    state,
    commitId: s.commitId ?? s.issue.pull!.head.sha,
    submittedAt: core.clock.now(),
  };
  core.state.reviews.push(r);
  s.issue.pull!.requestedReviewers = s.issue.pull!.requestedReviewers.filter((l) => l !== s.user);
  const shaped = reviewShape(core, s.repo, r);
  core.outbox.emit("pull_request_review", {
    action: "submitted",
    review: { ...shaped, state: state.toLowerCase() },
    pull_request: await pullRequest(core, s.repo, s.issue),
    ...hookBase(core, s.repo, s.user),
  });
  return r;
}

/** Moving branches: compare-and-swap on the ref, then the push and pull_request.synchronize webhooks GitHub would send. */
import { isoSeconds } from "../clock.ts";
import type { SimCore } from "../core.ts";
import { ZERO_SHA } from "../git/git-repo.ts";
import { pullRequest } from "../shapes/pulls.ts";
import type { Repo } from "../state.ts";
import { hookBase } from "../webhooks/context.ts";

export interface MoveRef {
  repo: Repo;
  /** Full ref name, e.g. "refs/heads/main". */
  ref: string;
  /** New sha, or null to delete. */
  sha: string | null;
  /** Expected current sha (compare-and-swap); null: the ref must not exist; undefined: unconditional. */
  old?: string | null;
  /** Login shown as pusher and sender. */
  sender: string;
  /** Whether a non-fast-forward is allowed (false fails like `force: false`). */
  force?: boolean;
}

export type MoveResult =
  | { ok: true; before: string | null }
  | { ok: false; reason: "stale" | "not-fast-forward" };

/** Update a ref atomically and announce it; never emits when the swap lost. */
export async function moveRef(core: SimCore, m: MoveRef): Promise<MoveResult> {
  const git = m.repo.git;
  const before = await git.resolve(m.ref);
  if (m.old !== undefined && (m.old ?? null) !== before) return { ok: false, reason: "stale" };
  if (m.sha && before && m.force === false && !(await git.isAncestor(before, m.sha))) {
    return { ok: false, reason: "not-fast-forward" };
  }
  const expected = before ?? ZERO_SHA;
  const swapped = m.sha ? await git.updateRef(m.ref, m.sha, expected) : await git.deleteRef(m.ref);
  if (!swapped) return { ok: false, reason: "stale" };
  m.repo.pushedAt = core.clock.now();
  if (m.ref.startsWith("refs/heads/") || m.ref.startsWith("refs/tags/")) {
    await announcePush(core, m, before);
  }
  if (m.ref.startsWith("refs/heads/") && m.sha)
    await syncPulls(core, m.repo, m.ref.slice(11), m.sha, m.sender);
  return { ok: true, before };
}

async function announcePush(core: SimCore, m: MoveRef, before: string | null): Promise<void> {
  const git = m.repo.git;
  const after = m.sha;
  // A new branch lists the commits no other branch has, as GitHub does; an update lists before..after.
  const others = (await git.listRefs("refs/heads/"))
    .filter((r) => r.ref !== m.ref)
    .map((r) => r.sha);
  const range = before
    ? [`${before}..${after}`]
    : [after!, ...(others.length ? ["--not", ...others] : [])];
  const shas = after ? (await git.revList([...range, "--max-count=20"])).reverse() : [];
  const commits = [];
  for (const sha of shas) {
    const c = await git.readCommit(sha);
    const files = await git.diffFiles(
      c.parents[0] ?? "4b825dc642cb6eb9a060e54bf8d69288fbee4904",
      sha,
    );
    const who = {
      name: c.author.name,
      email: c.author.email,
      date: isoSeconds(c.author.date),
      username: c.author.email.split("@")[0],
    };
    commits.push({
      id: sha,
      tree_id: c.tree,
      distinct: true,
      message: c.message.replace(/\n$/, ""),
      timestamp: isoSeconds(c.committer.date),
      url: `${core.api}/${m.repo.fullName}/commit/${sha}`,
      author: who,
      committer: who,
      added: files.filter((f) => f.status === "added").map((f) => f.filename),
      removed: files.filter((f) => f.status === "removed").map((f) => f.filename),
      modified: files.filter((f) => f.status === "modified").map((f) => f.filename),
    });
  }
  const forced = Boolean(before && after && !(await git.isAncestor(before, after)));
  const account = core.state.accounts.get(m.sender);
  core.outbox.emit("push", {
    ref: m.ref,
    before: before ?? ZERO_SHA,
    after: after ?? ZERO_SHA,
    created: before === null,
    deleted: after === null,
    forced,
    base_ref: null,
    compare: `${core.api}/${m.repo.fullName}/compare/${(before ?? ZERO_SHA).slice(0, 12)}...${(after ?? ZERO_SHA).slice(0, 12)}`,
    commits,
    head_commit: commits.at(-1) ?? null,
    pusher: { name: m.sender, email: account?.email ?? `${m.sender}@users.noreply.sim` },
    ...hookBase(core, m.repo, m.sender),
  });
}

/** Open pulls whose head is this branch get the new head (and a synchronize event); pulls based on it get the new base sha. */
async function syncPulls(
  core: SimCore,
  repo: Repo,
  branch: string,
  sha: string,
  sender: string,
): Promise<void> {
  for (const issue of core.state.issues.values()) {
    const pull = issue.pull;
    if (!pull || issue.state !== "open") continue;
    const base = core.state.repos.get(issue.repo.toLowerCase())!;
    if (issue.repo.toLowerCase() === repo.fullName.toLowerCase() && pull.base.ref === branch)
      pull.base.sha = sha;
    if (pull.head.repo.toLowerCase() !== repo.fullName.toLowerCase() || pull.head.ref !== branch)
      continue;
    const before = pull.head.sha;
    pull.head.sha = sha;
    issue.updatedAt = core.clock.now();
    await linkPullHead(base, repo, issue.number, branch, sha);
    core.outbox.emit("pull_request", {
      action: "synchronize",
      number: issue.number,
      before,
      after: sha,
      pull_request: await pullRequest(core, base, issue),
      ...hookBase(core, base, sender),
    });
  }
}

/** Make `refs/pull/<n>/head` in the base repository point at the head commit (fetching from a fork), as GitHub does. */
export async function linkPullHead(
  base: Repo,
  head: Repo,
  number: number,
  branch: string,
  sha: string,
): Promise<void> {
  const ref = `refs/pull/${number}/head`;
  if (base !== head) await base.git.fetchFrom(head.git, `refs/heads/${branch}`, ref);
  await base.git.updateRef(ref, sha);
}

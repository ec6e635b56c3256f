/** Commit a set of file changes onto a branch without a work tree (contents API and the scripting API share it). */
import type { SimCore } from "../core.ts";
import type { Signature } from "../git/git-repo.ts";
import type { Repo } from "../state.ts";
import { moveRef } from "./refs.ts";

export interface CommitFiles {
  repo: Repo;
  branch: string;
  /** path → new content, or null to delete. */
  files: Record<string, string | Uint8Array | null>;
  message: string;
  /** Login of the author (also the pusher). */
  author: string;
  /** Commit on top of this sha instead of the branch head (the branch is created from it if missing). */
  parent?: string | null;
  /** Expected branch head for compare-and-swap (undefined: the head read just before writing). */
  expectedHead?: string | null;
}

export type CommitResult =
  | { ok: true; sha: string; parent: string | null }
  | { ok: false; reason: "stale" | "not-fast-forward" };

/** A commit signature for `login` at the sim's time. */
export function signatureOf(core: SimCore, login: string): Signature {
  const acc = core.state.accounts.get(login);
  return {
    name: acc?.name ?? login,
    email: acc?.email ?? `${login}@users.noreply.sim`,
    date: core.clock.now(),
  };
}

/** Write the files, commit them, and move the branch by compare-and-swap (announcing a push). */
export async function commitFiles(core: SimCore, c: CommitFiles): Promise<CommitResult> {
  const git = c.repo.git;
  const ref = `refs/heads/${c.branch}`;
  const head = c.expectedHead !== undefined ? c.expectedHead : await git.resolve(ref);
  const parent = c.parent !== undefined ? c.parent : head;
  const changes = [];
  for (const [path, content] of Object.entries(c.files)) {
    changes.push({
      path: path.replace(/^\/+/, ""),
      sha: content === null ? null : await git.writeBlob(content),
    });
  }
  const tree = await git.writeTree(parent, changes);
  const sig = signatureOf(core, c.author);
  const sha = await git.commitTree({
    tree,
    parents: parent ? [parent] : [],
    message: c.message,
    author: sig,
  });
  const moved = await moveRef(core, { repo: c.repo, ref, sha, old: head, sender: c.author });
  return moved.ok ? { ok: true, sha, parent } : moved;
}

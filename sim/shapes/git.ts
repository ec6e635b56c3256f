/** Git data (refs, commits, trees, files, comparisons) as GitHub renders it. */
import { isoSeconds } from "../clock.ts";
import type { CommitInfo, FileDiff, Signature } from "../git/git-repo.ts";
import type { Repo } from "../state.ts";
import { nodeId, type ShapeContext, simpleUser } from "./accounts.ts";

const VERIFICATION = {
  verified: false,
  reason: "unsigned",
  signature: null,
  payload: null,
  verified_at: null,
};

function gitSig(s: Signature) {
  return { name: s.name, email: s.email, date: isoSeconds(s.date) };
}

/** Short numeric id of a sha for node ids. */
function shaNum(sha: string): number {
  return Number.parseInt(sha.slice(0, 8), 16);
}

/** A `git-ref`. */
export function gitRef(ctx: ShapeContext, repo: Repo, ref: string, sha: string, type = "commit") {
  return {
    ref,
    node_id: nodeId("REF", shaNum(sha)),
    url: `${ctx.api}/repos/${repo.fullName}/git/${ref}`,
    object: { type, sha, url: `${ctx.api}/repos/${repo.fullName}/git/${type}s/${sha}` },
  };
}

/** A `git-commit`. */
export function gitCommit(ctx: ShapeContext, repo: Repo, c: CommitInfo) {
  const base = `${ctx.api}/repos/${repo.fullName}/git`;
  return {
    sha: c.sha,
    node_id: nodeId("C", shaNum(c.sha)),
    url: `${base}/commits/${c.sha}`,
    html_url: `${ctx.api}/${repo.fullName}/commit/${c.sha}`,
    author: gitSig(c.author),
    committer: gitSig(c.committer),
    message: c.message.replace(/\n$/, ""),
    tree: { sha: c.tree, url: `${base}/trees/${c.tree}` },
    parents: c.parents.map((p) => ({
      sha: p,
      url: `${base}/commits/${p}`,
      html_url: `${ctx.api}/${repo.fullName}/commit/${p}`,
    })),
    verification: VERIFICATION,
  };
}

/** The user whose email a commit signature carries, as GitHub links commits to accounts; null when none. */
function userFor(ctx: ShapeContext, s: Signature) {
  for (const acc of ctx.state.accounts.values())
    if (acc.email === s.email) return simpleUser(ctx, acc.login);
  return null;
}

/** A REST `commit` (list commits, compare), optionally with its files. */
export function restCommit(ctx: ShapeContext, repo: Repo, c: CommitInfo, files?: FileDiff[]) {
  const api = `${ctx.api}/repos/${repo.fullName}`;
  const out: Record<string, unknown> = {
    url: `${api}/commits/${c.sha}`,
    sha: c.sha,
    node_id: nodeId("C", shaNum(c.sha)),
    html_url: `${ctx.api}/${repo.fullName}/commit/${c.sha}`,
    comments_url: `${api}/commits/${c.sha}/comments`,
    commit: {
      url: `${api}/git/commits/${c.sha}`,
      author: gitSig(c.author),
      committer: gitSig(c.committer),
      message: c.message.replace(/\n$/, ""),
      comment_count: 0,
      tree: { sha: c.tree, url: `${api}/git/trees/${c.tree}` },
      verification: VERIFICATION,
    },
    author: userFor(ctx, c.author),
    committer: userFor(ctx, c.committer),
    parents: c.parents.map((p) => ({
      sha: p,
      url: `${api}/commits/${p}`,
      html_url: `${ctx.api}/${repo.fullName}/commit/${p}`,
    })),
  };
  if (files) {
    const additions = files.reduce((n, f) => n + f.additions, 0);
    const deletions = files.reduce((n, f) => n + f.deletions, 0);
    out.stats = { additions, deletions, total: additions + deletions };
    out.files = files.map((f) => diffEntry(ctx, repo, c.sha, f));
  }
  return out;
}

/** A `diff-entry`. */
export function diffEntry(ctx: ShapeContext, repo: Repo, ref: string, f: FileDiff) {
  const path = f.filename.split("/").map(encodeURIComponent).join("/");
  return {
    sha: f.sha,
    filename: f.filename,
    status: f.status,
    additions: f.additions,
    deletions: f.deletions,
    changes: f.additions + f.deletions,
    blob_url: `${ctx.api}/${repo.fullName}/blob/${ref}/${path}`,
    raw_url: `${ctx.api}/${repo.fullName}/raw/${ref}/${path}`,
    contents_url: `${ctx.api}/repos/${repo.fullName}/contents/${path}?ref=${ref}`,
  };
}

/** The metadata part of a `content-file` / directory entry. */
export function contentMeta(
  ctx: ShapeContext,
  repo: Repo,
  p: { path: string; sha: string; size: number; type: "file" | "dir"; ref: string },
) {
  const path = p.path.split("/").map(encodeURIComponent).join("/");
  const self = `${ctx.api}/repos/${repo.fullName}/contents/${path}?ref=${encodeURIComponent(p.ref)}`;
  const git = `${ctx.api}/repos/${repo.fullName}/git/${p.type === "file" ? "blobs" : "trees"}/${p.sha}`;
  const html = `${ctx.api}/${repo.fullName}/${p.type === "file" ? "blob" : "tree"}/${p.ref}/${path}`;
  return {
    type: p.type,
    size: p.size,
    name: p.path.slice(p.path.lastIndexOf("/") + 1),
    path: p.path,
    sha: p.sha,
    url: self,
    git_url: git,
    html_url: html,
    download_url: p.type === "file" ? `${ctx.api}/${repo.fullName}/raw/${p.ref}/${path}` : null,
    _links: { self, git, html },
  };
}

/** Base64 the way GitHub's contents API does: wrapped at 60 characters with a trailing newline. */
export function base64Lines(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  const b64 = btoa(bin);
  return b64.length === 0 ? "" : `${b64.replace(/.{1,60}/g, "$&\n")}`;
}

/** Decode base64 that may contain newlines. */
export function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text.replace(/\s/g, "")), (c) => c.charCodeAt(0));
}

export { simpleUser };

/** One bare git repository on disk, driven through git plumbing (no work tree): the sim's storage. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GitError, gitText, runGit } from "./run-git.ts";

export const ZERO_SHA = "0000000000000000000000000000000000000000";

/** A person and time in a commit. */
export interface Signature {
  name: string;
  email: string;
  date: Date;
}

export interface CommitInfo {
  sha: string;
  tree: string;
  parents: string[];
  author: Signature;
  committer: Signature;
  message: string;
}

export interface TreeEntry {
  mode: string;
  type: "blob" | "tree" | "commit";
  sha: string;
  size?: number;
  path: string;
}

/** A change to a tree: `sha: null` deletes the path. */
export interface TreeChange {
  path: string;
  mode?: string;
  sha: string | null;
}

export interface FileDiff {
  filename: string;
  status: "added" | "removed" | "modified" | "renamed" | "copied" | "changed" | "unchanged";
  sha: string;
  additions: number;
  deletions: number;
}

const text = new TextDecoder();

function sigEnv(prefix: "AUTHOR" | "COMMITTER", s: Signature): Record<string, string> {
  return {
    [`GIT_${prefix}_NAME`]: s.name,
    [`GIT_${prefix}_EMAIL`]: s.email,
    [`GIT_${prefix}_DATE`]: `@${Math.floor(s.date.getTime() / 1000)} +0000`,
  };
}

function parseSig(line: string): Signature {
  const m = /^(.*) <(.*)> (\d+) [+-]\d{4}$/.exec(line);
  if (!m) return { name: line, email: "", date: new Date(0) };
  return { name: m[1]!, email: m[2]!, date: new Date(Number(m[3]) * 1000) };
}

/** A bare repository at `gitDir`. */
export class GitRepo {
  constructor(readonly gitDir: string) {}

  /** Create an empty bare repository whose HEAD names `defaultBranch`. */
  static async init(gitDir: string, defaultBranch: string): Promise<GitRepo> {
    await mkdir(gitDir, { recursive: true });
    await runGit({
      gitDir,
      args: ["init", "--quiet", "--bare", `--initial-branch=${defaultBranch}`, gitDir],
    });
    return new GitRepo(gitDir);
  }

  /** Create a fork: a bare repository borrowing `parent`'s objects (alternates), with its branches copied. */
  static async fork(parent: GitRepo, gitDir: string, defaultBranch: string): Promise<GitRepo> {
    const repo = await GitRepo.init(gitDir, defaultBranch);
    writeFileSync(
      join(gitDir, "objects", "info", "alternates"),
      `${join(parent.gitDir, "objects")}\n`,
    );
    for (const { ref, sha } of await parent.listRefs("refs/heads/")) await repo.updateRef(ref, sha);
    return repo;
  }

  private git(args: string[], more: Partial<Parameters<typeof runGit>[0]> = {}) {
    return runGit({ gitDir: this.gitDir, args, ...more });
  }

  private gitText(args: string[], more: Partial<Parameters<typeof runGit>[0]> = {}) {
    return gitText({ gitDir: this.gitDir, args, ...more });
  }

  /** The sha `rev` names, or null. */
  async resolve(rev: string): Promise<string | null> {
    const out = await this.gitText(["rev-parse", "--verify", "--quiet", rev], {
      okCodes: [0, 1, 128],
    });
    return /^[0-9a-f]{40}$/.test(out) ? out : null;
  }

  /** The commit `rev` names (branch, tag, sha), or null when it names none. */
  async resolveCommit(rev: string): Promise<string | null> {
    if (rev.startsWith("-")) return null;
    for (const candidate of [`refs/heads/${rev}`, `refs/tags/${rev}`, rev]) {
      const sha = await this.resolve(`${candidate}^{commit}`);
      if (sha) return sha;
    }
    return null;
  }

  /** All refs under `prefix` with their shas. */
  async listRefs(prefix: string): Promise<{ ref: string; sha: string }[]> {
    const out = await this.gitText(["for-each-ref", "--format=%(objectname) %(refname)", prefix]);
    return out
      .split("\n")
      .filter(Boolean)
      .map((line) => ({ sha: line.slice(0, 40), ref: line.slice(41) }));
  }

  /** Point `ref` at `sha`; with `old` given, only if the ref is still there (compare-and-swap; ZERO_SHA: must not exist). Returns false when the swap lost. */
  async updateRef(ref: string, sha: string, old?: string): Promise<boolean> {
    const args = ["update-ref", ref, sha, ...(old === undefined ? [] : [old])];
    const r = await this.git(args, { okCodes: [0, 128] });
    return r.code === 0;
  }

  /** Delete `ref`; false when it did not exist. */
  async deleteRef(ref: string): Promise<boolean> {
    if (!(await this.resolve(ref))) return false;
    await this.git(["update-ref", "-d", ref]);
    return true;
  }

  /** Store bytes as a blob; returns its sha. */
  async writeBlob(bytes: Uint8Array | string): Promise<string> {
    return this.gitText(["hash-object", "-w", "--stdin"], { input: bytes });
  }

  /** The bytes of blob `sha`. */
  async readBlob(sha: string): Promise<Uint8Array> {
    return (await this.git(["cat-file", "blob", sha])).stdout;
  }

  /** The type of object `sha` ("blob", "tree", "commit", "tag"), or null if absent. */
  async objectType(sha: string): Promise<string | null> {
    if (!/^[0-9a-f]{4,40}$/.test(sha)) return null;
    const r = await this.git(["cat-file", "-t", sha], { okCodes: [0, 1, 128] });
    return r.code === 0 ? text.decode(r.stdout).trim() : null;
  }

  /** Entries of tree-ish `treeish` (optionally below `path`, optionally recursive), with blob sizes. */
  async lsTree(
    treeish: string,
    opts: { recursive?: boolean; path?: string } = {},
  ): Promise<TreeEntry[]> {
    const args = ["ls-tree", "-z", "-l", ...(opts.recursive ? ["-r", "-t"] : []), treeish];
    if (opts.path) args.push("--", opts.path);
    const out = text.decode((await this.git(args)).stdout);
    return out
      .split("\0")
      .filter(Boolean)
      .map((line) => {
        const tab = line.indexOf("\t");
        const [mode, type, sha, size] = line.slice(0, tab).split(/\s+/) as [
          string,
          TreeEntry["type"],
          string,
          string,
        ];
        const entry: TreeEntry = { mode, type, sha, path: line.slice(tab + 1) };
        if (size !== "-") entry.size = Number(size);
        return entry;
      });
  }

  /** The entry at `path` in commit `commit` (a file or a directory), or null. */
  async entryAt(commit: string, path: string): Promise<TreeEntry | null> {
    const clean = path.replace(/^\/+|\/+$/g, "");
    if (clean === "") {
      const tree = await this.resolve(`${commit}^{tree}`);
      return tree ? { mode: "040000", type: "tree", sha: tree, path: "" } : null;
    }
    const entries = await this.lsTree(commit, { path: clean });
    return entries.find((e) => e.path === clean) ?? null;
  }

  /** Apply `changes` to `base` (a tree-ish or null for empty) and write the resulting tree; returns its sha. */
  async writeTree(base: string | null, changes: TreeChange[]): Promise<string> {
    const dir = mkdtempSync(join(tmpdir(), "sim-index-"));
    const env = { GIT_INDEX_FILE: join(dir, "index") };
    try {
      if (base) await this.git(["read-tree", base], { env });
      const lines = changes.map((c) =>
        c.sha === null ? `0 ${ZERO_SHA}\t${c.path}` : `${c.mode ?? "100644"} ${c.sha}\t${c.path}`,
      );
      // --index-info takes "mode sha\tpath"; mode 0 removes the path.
      if (lines.length > 0)
        await this.git(["update-index", "--index-info"], { env, input: `${lines.join("\n")}\n` });
      return await this.gitText(["write-tree"], { env });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /** Write a commit object; returns its sha. */
  async commitTree(p: {
    tree: string;
    parents: string[];
    message: string;
    author: Signature;
    committer?: Signature;
  }): Promise<string> {
    const args = ["commit-tree", p.tree, ...p.parents.flatMap((s) => ["-p", s]), "-F", "-"];
    const env = { ...sigEnv("AUTHOR", p.author), ...sigEnv("COMMITTER", p.committer ?? p.author) };
    return this.gitText(args, { env, input: p.message });
  }

  /** Parse commit `sha`. */
  async readCommit(sha: string): Promise<CommitInfo> {
    const raw = text.decode((await this.git(["cat-file", "commit", sha])).stdout);
    const split = raw.indexOf("\n\n");
    const headers = raw.slice(0, split).split("\n");
    const info: CommitInfo = {
      sha,
      tree: "",
      parents: [],
      author: parseSig(""),
      committer: parseSig(""),
      message: raw.slice(split + 2),
    };
    for (const h of headers) {
      const sp = h.indexOf(" ");
      const key = h.slice(0, sp);
      const value = h.slice(sp + 1);
      if (key === "tree") info.tree = value;
      else if (key === "parent") info.parents.push(value);
      else if (key === "author") info.author = parseSig(value);
      else if (key === "committer") info.committer = parseSig(value);
    }
    return info;
  }

  /** Three-way merge of two commits without a work tree: the merged tree, or clean=false on conflicts. */
  async mergeTree(ours: string, theirs: string): Promise<{ clean: boolean; tree: string }> {
    const r = await this.git(["merge-tree", "--write-tree", "--no-messages", ours, theirs], {
      okCodes: [0, 1],
    });
    return { clean: r.code === 0, tree: text.decode(r.stdout).split("\n")[0]!.trim() };
  }

  /** The best common ancestor of a and b, or null. */
  async mergeBase(a: string, b: string): Promise<string | null> {
    const out = await this.gitText(["merge-base", a, b], { okCodes: [0, 1] });
    return out || null;
  }

  /** Commit shas of `git rev-list <args>` (newest first). */
  async revList(args: string[]): Promise<string[]> {
    return (await this.gitText(["rev-list", ...args])).split("\n").filter(Boolean);
  }

  /** Whether `ancestor` is reachable from `descendant`. */
  async isAncestor(ancestor: string, descendant: string): Promise<boolean> {
    const r = await this.git(["merge-base", "--is-ancestor", ancestor, descendant], {
      okCodes: [0, 1],
    });
    return r.code === 0;
  }

  /** Files that differ between two tree-ishes, with line counts. */
  async diffFiles(from: string, to: string): Promise<FileDiff[]> {
    const raw = text
      .decode((await this.git(["diff-tree", "-r", "-z", "--no-renames", from, to])).stdout)
      .split("\0");
    const num = text
      .decode(
        (await this.git(["diff-tree", "-r", "-z", "--no-renames", "--numstat", from, to])).stdout,
      )
      .split("\0");
    const counts = new Map<string, [number, number]>();
    for (const line of num) {
      const m = /^(\d+|-)\t(\d+|-)\t(.*)$/.exec(line);
      if (m) counts.set(m[3]!, [Number(m[1]) || 0, Number(m[2]) || 0]);
    }
    const files: FileDiff[] = [];
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const meta = raw[i]!.split(" ");
      const filename = raw[i + 1]!;
      const code = meta[4] ?? "M";
      const [additions, deletions] = counts.get(filename) ?? [0, 0];
      const status = code === "A" ? "added" : code === "D" ? "removed" : "modified";
      files.push({
        filename,
        status,
        sha: code === "D" ? meta[2]! : meta[3]!,
        additions,
        deletions,
      });
    }
    return files;
  }

  /** Fetch `ref` of another local repository into `into` here (forks → base for pull requests). */
  async fetchFrom(other: GitRepo, ref: string, into: string): Promise<void> {
    await this.git(["fetch", "--quiet", "--no-tags", other.gitDir, `+${ref}:${into}`]);
  }
}

export { GitError };

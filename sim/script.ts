/** The scripting API for tests and the demo: the same operations as the REST routes, so the same webhooks follow. */
import { newId, repoOr404, type SimCore } from "./core.ts";
import { GitRepo } from "./git/git-repo.ts";
import { HttpError } from "./http-error.ts";
import { clickCheckRun } from "./ops/checks.ts";
import {
  createComment,
  createIssue,
  issueOr404,
  labelIssue,
  unlabelIssue,
} from "./ops/comments.ts";
import { commitFiles } from "./ops/commit-files.ts";
import { createFork } from "./ops/fork.ts";
import { mergePull, openPull, pullOr404, submitReview, updatePull } from "./ops/pulls.ts";
import { accountScript } from "./script-accounts.ts";
import type { Repo } from "./state.ts";

/** What `listCommits` returns per commit. */
export interface CommitSummary {
  sha: string;
  message: string;
  parents: string[];
  author: string;
}

/** Scripting calls bound to one sim. */
export function createScript(core: SimCore, defaultAppId: () => number) {
  const state = core.state;
  const repo = (name: string): Repo => repoOr404(core, name);

  const script = {
    ...accountScript(core, defaultAppId),
    /** Create a repository; `files` become its first commit on the default branch. */
    async createRepo(p: {
      owner: string;
      name: string;
      files?: Record<string, string | Uint8Array>;
      defaultBranch?: string;
      private?: boolean;
      description?: string;
      author?: string;
    }): Promise<Repo> {
      const fullName = `${p.owner}/${p.name}`;
      if (!state.accounts.has(p.owner))
        throw new Error(`no account ${p.owner}; create the user or org first`);
      if (state.repos.has(fullName.toLowerCase()))
        throw new Error(`repository ${fullName} already exists`);
      const defaultBranch = p.defaultBranch ?? "main";
      const now = core.clock.now();
      const git = await GitRepo.init(`${core.dataDir}/${p.owner}/${p.name}.git`, defaultBranch);
      const r: Repo = {
        id: newId(core),
        owner: p.owner,
        name: p.name,
        fullName,
        private: p.private ?? false,
        description: p.description ?? null,
        defaultBranch,
        git,
        collaborators: new Map(),
        createdAt: now,
        updatedAt: now,
        pushedAt: now,
        labels: new Map(),
      };
      state.repos.set(fullName.toLowerCase(), r);
      if (p.files && Object.keys(p.files).length > 0) {
        await commitFiles(core, {
          repo: r,
          branch: defaultBranch,
          files: p.files,
          message: "Initial commit",
          author: p.author ?? p.owner,
        });
      }
      return r;
    },

    /** Fork `repo` to `owner`. */
    fork(p: { repo: string; owner: string; name?: string }): Promise<Repo> {
      return createFork(core, repo(p.repo), p.owner, p.name);
    },

    /** Commit `files` (path → content, null deletes) to `branch` as `author`; a missing branch starts from `from` (default: the default branch). */
    async pushCommit(p: {
      repo: string;
      branch: string;
      files: Record<string, string | Uint8Array | null>;
      message: string;
      author: string;
      from?: string;
    }): Promise<string> {
      const r = repo(p.repo);
      const head = await r.git.resolve(`refs/heads/${p.branch}`);
      const parent = head ?? (await r.git.resolveCommit(p.from ?? r.defaultBranch));
      const result = await commitFiles(core, {
        repo: r,
        branch: p.branch,
        files: p.files,
        message: p.message,
        author: p.author,
        parent,
        expectedHead: head,
      });
      if (!result.ok) throw new Error(`push to ${p.repo} ${p.branch} lost a race; retry`);
      return result.sha;
    },

    /** Open a pull request as `user`; `head` is "branch" or "owner:branch" for a fork. Returns its number. */
    async openPullRequest(p: {
      repo: string;
      head: string;
      base?: string;
      title: string;
      body?: string;
      user: string;
      draft?: boolean;
    }): Promise<number> {
      const r = repo(p.repo);
      return (
        await openPull(core, {
          repo: r,
          head: p.head,
          base: p.base ?? r.defaultBranch,
          title: p.title,
          body: p.body ?? null,
          user: p.user,
          draft: p.draft,
        })
      ).number;
    },

    /** Review a pull request as `user`. */
    async review(p: {
      repo: string;
      number: number;
      user: string;
      event: "APPROVE" | "REQUEST_CHANGES" | "COMMENT";
      body?: string;
    }): Promise<number> {
      const r = repo(p.repo);
      return (
        await submitReview(core, {
          repo: r,
          issue: pullOr404(core, r, p.number),
          user: p.user,
          event: p.event,
          body: p.body,
        })
      ).id;
    },

    /** Comment on an issue or pull request as `user`; returns the comment id. */
    comment(p: { repo: string; number: number; user: string; body: string }): number {
      return createComment(core, {
        repo: repo(p.repo),
        number: p.number,
        user: p.user,
        body: p.body,
      }).id;
    },

    /** `user` clicks "Re-run" on a check run (check_run.rerequested), or its button `action` (check_run.requested_action). */
    clickCheckRun(p: { repo: string; checkRunId: number; user: string; action?: string }): void {
      clickCheckRun(core, { ...p, repo: repo(p.repo) });
    },

    /** Add labels to an issue or pull request as `user` (pull requests: pull_request.labeled each). */
    async addLabels(p: { repo: string; number: number; user: string; labels: string[] }) {
      const r = repo(p.repo);
      await labelIssue(core, {
        repo: r,
        issue: issueOr404(core, r, p.number),
        names: p.labels,
        user: p.user,
      });
    },

    /** Remove a label as `user` (pull requests: pull_request.unlabeled). */
    async removeLabel(p: { repo: string; number: number; user: string; name: string }) {
      const r = repo(p.repo);
      await unlabelIssue(core, {
        repo: r,
        issue: issueOr404(core, r, p.number),
        name: p.name,
        user: p.user,
      });
    },

    /** Open an issue (no webhook: the bot does not subscribe to `issues`). */
    createIssue(p: {
      repo: string;
      title: string;
      body?: string;
      user: string;
      labels?: string[];
    }): number {
      return createIssue(core, {
        repo: repo(p.repo),
        title: p.title,
        body: p.body,
        user: p.user,
        labels: p.labels,
      }).number;
    },

    /** Merge a pull request as `user`; returns the new base sha. Throws an HttpError (405/409) as the API would answer. */
    async merge(p: {
      repo: string;
      number: number;
      user: string;
      method?: "merge" | "squash" | "rebase";
      sha?: string;
    }): Promise<string> {
      const r = repo(p.repo);
      return (
        await mergePull(core, {
          repo: r,
          issue: pullOr404(core, r, p.number),
          user: p.user,
          method: p.method,
          sha: p.sha,
        })
      ).sha;
    },

    /** Close or reopen a pull request as `user`. */
    async setPullState(p: {
      repo: string;
      number: number;
      user: string;
      state: "open" | "closed";
    }): Promise<void> {
      const r = repo(p.repo);
      await updatePull(core, {
        repo: r,
        issue: pullOr404(core, r, p.number),
        user: p.user,
        state: p.state,
      });
    },

    /** The bytes of `path` at `ref` (default branch by default), or null. */
    async readBytes(p: { repo: string; path: string; ref?: string }): Promise<Uint8Array | null> {
      const r = repo(p.repo);
      const sha = await r.git.resolveCommit(p.ref ?? r.defaultBranch);
      const entry = sha ? await r.git.entryAt(sha, p.path) : null;
      return entry?.type === "blob" ? r.git.readBlob(entry.sha) : null;
    },

    /** The text of `path` at `ref`, or null. */
    async readFile(p: { repo: string; path: string; ref?: string }): Promise<string | null> {
      const bytes = await script.readBytes(p);
      return bytes === null ? null : new TextDecoder().decode(bytes);
    },

    /** Commits reachable from `ref` (newest first). */
    async listCommits(p: { repo: string; ref?: string; max?: number }): Promise<CommitSummary[]> {
      const r = repo(p.repo);
      const start = await r.git.resolveCommit(p.ref ?? r.defaultBranch);
      if (!start) return [];
      const out: CommitSummary[] = [];
      for (const sha of await r.git.revList([start, `--max-count=${p.max ?? 100}`])) {
        const c = await r.git.readCommit(sha);
        out.push({
          sha,
          message: c.message.replace(/\n$/, ""),
          parents: c.parents,
          author: c.author.name,
        });
      }
      return out;
    },

    /** The sha a branch points at, or null. */
    branchSha(p: { repo: string; branch: string }): Promise<string | null> {
      return repo(p.repo).git.resolve(`refs/heads/${p.branch}`);
    },
  };
  return script;
}

/** The scripting API type. */
export type SimScript = ReturnType<typeof createScript>;

export { HttpError };

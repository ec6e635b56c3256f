/** The git data API: refs (compare-and-swap like GitHub), blobs, trees and commits, straight onto git plumbing. */

import type { Signature } from "../git/git-repo.ts";
import { HttpError, notFound } from "../http-error.ts";
import type { OperationId } from "../openapi/operations.ts";
import { signatureOf } from "../ops/commit-files.ts";
import { moveRef } from "../ops/refs.ts";
import { nodeId } from "../shapes/accounts.ts";
import { base64Lines, fromBase64, gitCommit, gitRef } from "../shapes/git.ts";
import { actorLogin, ok, type RouteContext, type RouteDef } from "./types.ts";

const unprocessable = (message: string) => new HttpError(422, message);

function fullRef(ref: string): string {
  return ref.startsWith("refs/") ? ref : `refs/${ref}`;
}

async function treeReply(ctx: RouteContext, sha: string, recursive: boolean, status = 200) {
  const entries = await ctx.repo.git.lsTree(sha, { recursive });
  const base = `${ctx.core.api}/repos/${ctx.repo.fullName}/git`;
  return ok(
    {
      sha,
      url: `${base}/trees/${sha}`,
      tree: entries.map((e) => ({
        path: e.path,
        mode: e.mode,
        type: e.type,
        sha: e.sha,
        ...(e.size === undefined ? {} : { size: e.size }),
        url: `${base}/${e.type === "tree" ? "trees" : "blobs"}/${e.sha}`,
      })),
      truncated: false,
    },
    status,
  );
}

function signature(
  ctx: RouteContext,
  given: { name?: string; email?: string; date?: string } | undefined,
): Signature {
  const base = signatureOf(ctx.core, actorLogin(ctx.actor));
  if (!given) return base;
  return {
    name: given.name ?? base.name,
    email: given.email ?? base.email,
    date: given.date ? new Date(given.date) : base.date,
  };
}

export const routes: Partial<Record<OperationId, RouteDef>> = {
  "git/get-ref": {
    guard: "repo",
    level: "read",
    scope: "contents",
    handle: async (ctx) => {
      const ref = fullRef(ctx.params.ref!);
      const sha = await ctx.repo.git.resolve(ref);
      if (!sha) throw notFound();
      return ok(
        gitRef(ctx.core, ctx.repo, ref, sha, (await ctx.repo.git.objectType(sha)) ?? "commit"),
      );
    },
  },
  "git/list-matching-refs": {
    guard: "repo",
    level: "read",
    scope: "contents",
    handle: async (ctx) => {
      const prefix = fullRef(ctx.params.ref ?? "");
      const refs = (await ctx.repo.git.listRefs("refs/")).filter(
        (r) => r.ref.startsWith(prefix) && !r.ref.startsWith("refs/pull/"),
      );
      return ok(refs.map((r) => gitRef(ctx.core, ctx.repo, r.ref, r.sha)));
    },
  },
  "git/create-ref": {
    guard: "repo",
    level: "write",
    scope: "contents",
    handle: async (ctx) => {
      const { ref, sha } = ctx.body as { ref: string; sha: string };
      if (!ref.startsWith("refs/") || ref.split("/").length < 3)
        throw unprocessable(`${ref} is not a valid ref name.`);
      if (!(await ctx.repo.git.objectType(sha))) throw unprocessable("Object does not exist");
      const moved = await moveRef(ctx.core, {
        repo: ctx.repo,
        ref,
        sha,
        old: null,
        sender: actorLogin(ctx.actor),
      });
      if (!moved.ok) throw unprocessable("Reference already exists");
      return ok(gitRef(ctx.core, ctx.repo, ref, sha), 201);
    },
  },
  "git/update-ref": {
    guard: "repo",
    level: "write",
    scope: "contents",
    handle: async (ctx) => {
      const ref = fullRef(ctx.params.ref!);
      const { sha, force } = ctx.body as { sha: string; force?: boolean };
      const current = await ctx.repo.git.resolve(ref);
      if (!current) throw unprocessable("Reference does not exist");
      if ((await ctx.repo.git.objectType(sha)) !== "commit")
        throw unprocessable("Object does not exist");
      const moved = await moveRef(ctx.core, {
        repo: ctx.repo,
        ref,
        sha,
        old: current,
        force: force === true,
        sender: actorLogin(ctx.actor),
      });
      if (!moved.ok)
        throw unprocessable(
          moved.reason === "not-fast-forward"
            ? "Update is not a fast forward"
            : "Reference cannot be updated",
        );
      return ok(gitRef(ctx.core, ctx.repo, ref, sha));
    },
  },
  "git/delete-ref": {
    guard: "repo",
    level: "write",
    scope: "contents",
    handle: async (ctx) => {
      const ref = fullRef(ctx.params.ref!);
      const current = await ctx.repo.git.resolve(ref);
      if (!current) throw unprocessable("Reference does not exist");
      const moved = await moveRef(ctx.core, {
        repo: ctx.repo,
        ref,
        sha: null,
        old: current,
        sender: actorLogin(ctx.actor),
      });
      if (!moved.ok) throw unprocessable("Reference cannot be updated");
      return { status: 204 };
    },
  },
  "git/create-blob": {
    guard: "repo",
    level: "write",
    scope: "contents",
    handle: async (ctx) => {
      const { content, encoding } = ctx.body as { content: string; encoding?: string };
      if (encoding !== undefined && encoding !== "utf-8" && encoding !== "base64") {
        throw unprocessable(`encoding must be "utf-8" or "base64", not "${encoding}"`);
      }
      const sha = await ctx.repo.git.writeBlob(
        encoding === "base64" ? fromBase64(content) : content,
      );
      return ok({ url: `${ctx.core.api}/repos/${ctx.repo.fullName}/git/blobs/${sha}`, sha }, 201);
    },
  },
  "git/get-blob": {
    guard: "repo",
    level: "read",
    scope: "contents",
    handle: async (ctx) => {
      const sha = ctx.params.file_sha!;
      if ((await ctx.repo.git.objectType(sha)) !== "blob") throw notFound();
      const bytes = await ctx.repo.git.readBlob(sha);
      return ok({
        sha,
        node_id: nodeId("B", Number.parseInt(sha.slice(0, 8), 16)),
        size: bytes.length,
        url: `${ctx.core.api}/repos/${ctx.repo.fullName}/git/blobs/${sha}`,
        content: base64Lines(bytes),
        encoding: "base64",
      });
    },
  },
  "git/create-tree": {
    guard: "repo",
    level: "write",
    scope: "contents",
    handle: async (ctx) => {
      const { tree, base_tree } = ctx.body as {
        tree: { path: string; mode: string; type: string; sha?: string | null; content?: string }[];
        base_tree?: string;
      };
      const git = ctx.repo.git;
      if (base_tree !== undefined) {
        const type = await git.objectType(base_tree);
        if (type !== "tree" && type !== "commit") throw unprocessable("Invalid tree info");
      }
      const changes = [];
      for (const e of tree) {
        if (e.type === "tree" || e.mode === "040000")
          throw unprocessable(
            "tree entries of type tree are not supported by the sim; give file paths instead",
          );
        if (e.content !== undefined)
          changes.push({ path: e.path, mode: e.mode, sha: await git.writeBlob(e.content) });
        else if (e.sha === null) changes.push({ path: e.path, sha: null });
        else if (e.sha && (await git.objectType(e.sha)) === "blob")
          changes.push({ path: e.path, mode: e.mode, sha: e.sha });
        else throw unprocessable("GitRPC::BadObjectState");
      }
      const sha = await git.writeTree(base_tree ?? null, changes);
      return treeReply(ctx, sha, false, 201);
    },
  },
  "git/get-tree": {
    guard: "repo",
    level: "read",
    scope: "contents",
    handle: async (ctx) => {
      const sha = await ctx.repo.git.resolve(`${ctx.params.tree_sha}^{tree}`);
      if (!sha) throw notFound();
      const recursive =
        ctx.query.has("recursive") && !["0", "false"].includes(ctx.query.get("recursive")!);
      return treeReply(ctx, sha, recursive);
    },
  },
  "git/create-commit": {
    guard: "repo",
    level: "write",
    scope: "contents",
    handle: async (ctx) => {
      const b = ctx.body as {
        message: string;
        tree: string;
        parents?: string[];
        author?: { name?: string; email?: string; date?: string };
        committer?: { name?: string; email?: string; date?: string };
      };
      const git = ctx.repo.git;
      if ((await git.objectType(b.tree)) !== "tree") throw unprocessable("Tree SHA does not exist");
      for (const p of b.parents ?? [])
        if ((await git.objectType(p)) !== "commit")
          throw unprocessable("Parent SHA does not exist or is not a commit object");
      const author = signature(ctx, b.author);
      const sha = await git.commitTree({
        tree: b.tree,
        parents: b.parents ?? [],
        message: b.message,
        author,
        committer: b.committer ? signature(ctx, b.committer) : author,
      });
      return ok(gitCommit(ctx.core, ctx.repo, await git.readCommit(sha)), 201);
    },
  },
  "git/get-commit": {
    guard: "repo",
    level: "read",
    scope: "contents",
    handle: async (ctx) => {
      const sha = ctx.params.commit_sha!;
      if ((await ctx.repo.git.objectType(sha)) !== "commit") throw notFound();
      return ok(gitCommit(ctx.core, ctx.repo, await ctx.repo.git.readCommit(sha)));
    },
  },
};

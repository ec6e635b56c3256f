/** The contents API: read a file or directory at a ref; create or update a file as a commit (compare-and-swap on the branch). */
import { HttpError, notFound } from "../http-error.ts";
import type { OperationId } from "../openapi/operations.ts";
import { commitFiles } from "../ops/commit-files.ts";
import { base64Lines, contentMeta, fromBase64, gitCommit } from "../shapes/git.ts";
import { actorLogin, ok, type RouteDef } from "./types.ts";

export const routes: Partial<Record<OperationId, RouteDef>> = {
  "repos/get-content": {
    guard: "repo",
    level: "read",
    scope: "contents",
    handle: async (ctx) => {
      const { repo } = ctx;
      const ref = ctx.query.get("ref") ?? repo.defaultBranch;
      const commit = await repo.git.resolveCommit(ref);
      if (!commit) throw new HttpError(404, `No commit found for the ref ${ref}`);
      const path = (ctx.params.path ?? "").replace(/^\/+|\/+$/g, "");
      const entry = await repo.git.entryAt(commit, path);
      if (!entry) throw notFound();
      if (entry.type === "tree") {
        const children = await repo.git.lsTree(entry.sha);
        return ok(
          children.map((c) =>
            contentMeta(ctx.core, repo, {
              path: path ? `${path}/${c.path}` : c.path,
              sha: c.sha,
              size: c.size ?? 0,
              type: c.type === "tree" ? "dir" : "file",
              ref,
            }),
          ),
        );
      }
      const bytes = await repo.git.readBlob(entry.sha);
      if ((ctx.headers.get("accept") ?? "").includes("raw"))
        return { status: 200, raw: bytes, contentType: "application/vnd.github.raw" };
      return ok({
        ...contentMeta(ctx.core, repo, {
          path,
          sha: entry.sha,
          size: bytes.length,
          type: "file",
          ref,
        }),
        content: base64Lines(bytes),
        encoding: "base64",
      });
    },
  },
  "repos/create-or-update-file-contents": {
    guard: "repo",
    level: "write",
    scope: "contents",
    handle: async (ctx) => {
      const { repo, body } = ctx;
      const path = ctx.params.path!.replace(/^\/+|\/+$/g, "");
      const branch = body.branch ?? repo.defaultBranch;
      const head = await repo.git.resolve(`refs/heads/${branch}`);
      if (!head && branch !== repo.defaultBranch)
        throw new HttpError(404, `Branch ${branch} not found`);
      const current = head ? await repo.git.entryAt(head, path) : null;
      if (current?.type === "tree") throw new HttpError(422, `${path} is a directory`);
      if (current && body.sha === undefined)
        throw new HttpError(422, 'Invalid request.\n\n"sha" wasn\'t supplied.');
      if (current && body.sha !== current.sha)
        throw new HttpError(409, `${path} does not match ${body.sha}`);
      if (!current && body.sha !== undefined)
        throw new HttpError(409, `${path} does not match ${body.sha}`);
      let bytes: Uint8Array;
      try {
        bytes = fromBase64(body.content);
      } catch {
        throw new HttpError(422, "content is not valid Base64");
      }
      const author = actorLogin(ctx.actor);
      const result = await commitFiles(ctx.core, {
        repo,
        branch,
        files: { [path]: bytes },
        message: body.message,
        author,
        expectedHead: head,
      });
      if (!result.ok) throw new HttpError(409, `${branch} was modified, try again`);
      const entry = (await repo.git.entryAt(result.sha, path))!;
      return ok(
        {
          content: contentMeta(ctx.core, repo, {
            path,
            sha: entry.sha,
            size: bytes.length,
            type: "file",
            ref: branch,
          }),
          commit: gitCommit(ctx.core, repo, await repo.git.readCommit(result.sha)),
        },
        current ? 200 : 201,
      );
    },
  },
};

/** Issue comment, label and reaction routes (they serve pull requests too, as on GitHub). */

import { permissionOf } from "../auth/permission.ts";
import { HttpError } from "../http-error.ts";
import type { OperationId } from "../openapi/operations.ts";
import {
  addReaction,
  commentOr404,
  createComment,
  createIssue,
  deleteComment,
  issueOr404,
  labelIssue,
  unlabelIssue,
  updateComment,
} from "../ops/comments.ts";
import { issueComment, issue as issueShape, label, reaction } from "../shapes/issues.ts";
import { atLeast } from "../state.ts";
import { actorLogin, ok, paginate, type RouteContext, type RouteDef } from "./types.ts";

function issue(ctx: RouteContext) {
  return issueOr404(ctx.core, ctx.repo, Number(ctx.params.issue_number));
}

function comment(ctx: RouteContext) {
  return commentOr404(ctx.core, ctx.repo, Number(ctx.params.comment_id));
}

function viaApp(ctx: RouteContext): number | undefined {
  return ctx.actor.kind === "installation" ? ctx.actor.app.id : undefined;
}

export const routes: Partial<Record<OperationId, RouteDef>> = {
  "issues/create": {
    guard: "repo",
    level: "read",
    scope: "issues",
    handle: (ctx) => {
      const labels = ((ctx.body.labels ?? []) as (string | { name?: string })[]).map((l) =>
        typeof l === "string" ? l : (l.name ?? ""),
      );
      const i = createIssue(ctx.core, {
        repo: ctx.repo,
        title: String(ctx.body.title),
        body: ctx.body.body,
        user: actorLogin(ctx.actor),
        labels,
      });
      return ok(issueShape(ctx.core, ctx.repo, i), 201);
    },
  },
  "issues/get": {
    guard: "repo",
    level: "read",
    scope: "issues",
    handle: (ctx) => ok(issueShape(ctx.core, ctx.repo, issue(ctx))),
  },
  "issues/delete-comment": {
    guard: "repo",
    level: "read",
    scope: "issues",
    handle: (ctx) => {
      const c = comment(ctx);
      const login = actorLogin(ctx.actor);
      if (
        c.user !== login &&
        ctx.actor.kind !== "installation" &&
        !atLeast(permissionOf(ctx.core.state, login, ctx.repo), "write")
      ) {
        throw new HttpError(403, "Must have admin rights to Repository.");
      }
      deleteComment(ctx.core, { repo: ctx.repo, comment: c, user: login });
      return { status: 204 };
    },
  },
  "issues/create-comment": {
    guard: "repo",
    level: "read",
    scope: "issues",
    handle: (ctx) => {
      const c = createComment(ctx.core, {
        repo: ctx.repo,
        number: issue(ctx).number,
        user: actorLogin(ctx.actor),
        body: ctx.body.body,
        viaApp: viaApp(ctx),
      });
      return ok(issueComment(ctx.core, ctx.repo, c), 201);
    },
  },
  "issues/update-comment": {
    guard: "repo",
    level: "read",
    scope: "issues",
    handle: (ctx) => {
      const c = comment(ctx);
      const login = actorLogin(ctx.actor);
      if (
        c.user !== login &&
        !(
          ctx.actor.kind === "user" &&
          atLeast(permissionOf(ctx.core.state, login, ctx.repo), "write")
        ) &&
        ctx.actor.kind !== "installation"
      ) {
        throw new HttpError(403, "Must have admin rights to Repository.");
      }
      return ok(
        issueComment(
          ctx.core,
          ctx.repo,
          updateComment(ctx.core, { repo: ctx.repo, comment: c, user: login, body: ctx.body.body }),
        ),
      );
    },
  },
  "issues/get-comment": {
    guard: "repo",
    level: "read",
    scope: "issues",
    handle: (ctx) => ok(issueComment(ctx.core, ctx.repo, comment(ctx))),
  },
  "issues/list-comments": {
    guard: "repo",
    level: "read",
    scope: "issues",
    handle: (ctx) => {
      const i = issue(ctx);
      const since = ctx.query.get("since");
      const list = [...ctx.core.state.comments.values()]
        .filter((c) => c.repo === ctx.repo.fullName && c.issueNumber === i.number)
        .filter((c) => !since || c.updatedAt.getTime() >= Date.parse(since))
        .sort((a, b) => a.id - b.id);
      const page = paginate(ctx, list);
      return {
        status: 200,
        body: page.items.map((c) => issueComment(ctx.core, ctx.repo, c)),
        headers: page.headers,
      };
    },
  },
  "issues/add-labels": {
    guard: "repo",
    level: "triage",
    scope: "issues",
    handle: async (ctx) => {
      const i = issue(ctx);
      const b = ctx.body;
      const names: string[] = Array.isArray(b)
        ? b
        : Array.isArray(b?.labels)
          ? b.labels.map((l: string | { name: string }) => (typeof l === "string" ? l : l.name))
          : [];
      await labelIssue(ctx.core, { repo: ctx.repo, issue: i, names, user: actorLogin(ctx.actor) });
      return ok(i.labels.map((n) => label(ctx.core, ctx.repo, ctx.repo.labels.get(n)!)));
    },
  },
  "issues/list-labels-on-issue": {
    guard: "repo",
    level: "read",
    scope: "issues",
    handle: (ctx) =>
      ok(issue(ctx).labels.map((n) => label(ctx.core, ctx.repo, ctx.repo.labels.get(n)!))),
  },
  "issues/remove-label": {
    guard: "repo",
    level: "triage",
    scope: "issues",
    handle: async (ctx) => {
      const i = issue(ctx);
      await unlabelIssue(ctx.core, {
        repo: ctx.repo,
        issue: i,
        name: ctx.params.name!,
        user: actorLogin(ctx.actor),
      });
      return ok(i.labels.map((n) => label(ctx.core, ctx.repo, ctx.repo.labels.get(n)!)));
    },
  },
  "reactions/create-for-issue-comment": {
    guard: "repo",
    level: "read",
    scope: "issues",
    handle: (ctx) => {
      const r = addReaction(
        ctx.core,
        comment(ctx).reactions,
        actorLogin(ctx.actor),
        ctx.body.content,
      );
      return ok(reaction(ctx.core, r.reaction), r.created ? 201 : 200);
    },
  },
  "reactions/create-for-issue": {
    guard: "repo",
    level: "read",
    scope: "issues",
    handle: (ctx) => {
      const i = issue(ctx);
      const r = addReaction(ctx.core, i.reactions, actorLogin(ctx.actor), ctx.body.content);
      return ok(reaction(ctx.core, r.reaction), r.created ? 201 : 200);
    },
  },
};

/** Pull request routes: create, get, list, update, merge, files, reviews and requested reviewers. */

import { permissionOf } from "../auth/permission.ts";
import { HttpError, validationFailed } from "../http-error.ts";
import type { OperationId } from "../openapi/operations.ts";
import { mergePull, openPull, pullOr404, submitReview, updatePull } from "../ops/pulls.ts";
import { simpleUser } from "../shapes/accounts.ts";
import { diffEntry, restCommit } from "../shapes/git.ts";
import { review } from "../shapes/issues.ts";
import { pullRequest, pullSimple } from "../shapes/pulls.ts";
import { atLeast } from "../state.ts";
import { actorLogin, ok, paginate, type RouteContext, type RouteDef } from "./types.ts";

function pull(ctx: RouteContext) {
  return pullOr404(ctx.core, ctx.repo, Number(ctx.params.pull_number));
}

export const routes: Partial<Record<OperationId, RouteDef>> = {
  "pulls/create": {
    guard: "repo",
    level: "read",
    scope: "pull_requests",
    handle: async (ctx) => {
      const b = ctx.body;
      if (b.title === undefined && b.issue === undefined)
        throw validationFailed("PullRequest", "title", "missing_field");
      const issue = await openPull(ctx.core, {
        repo: ctx.repo,
        head: b.head_repo ? `${String(b.head_repo).split("/")[0]}:${b.head}` : b.head,
        base: b.base,
        title: b.title ?? "",
        body: b.body ?? null,
        user: actorLogin(ctx.actor),
        draft: b.draft ?? false,
        maintainerCanModify: b.maintainer_can_modify,
      });
      return ok(await pullRequest(ctx.core, ctx.repo, issue), 201);
    },
  },
  "pulls/get": {
    guard: "repo",
    level: "read",
    scope: "pull_requests",
    handle: async (ctx) => ok(await pullRequest(ctx.core, ctx.repo, pull(ctx))),
  },
  "pulls/list": {
    guard: "repo",
    level: "read",
    scope: "pull_requests",
    handle: (ctx) => {
      const state = ctx.query.get("state") ?? "open";
      const head = ctx.query.get("head");
      const base = ctx.query.get("base");
      const list = [...ctx.core.state.issues.values()]
        .filter((i) => i.repo === ctx.repo.fullName && i.pull)
        .filter((i) => state === "all" || i.state === state)
        .filter((i) => !base || i.pull!.base.ref === base)
        .filter((i) => {
          if (!head) return true;
          const [owner, ref] = head.includes(":") ? head.split(":", 2) : [head, undefined];
          const headOwner = i.pull!.head.repo.split("/")[0]!;
          return (
            headOwner.toLowerCase() === owner!.toLowerCase() &&
            (ref === undefined || i.pull!.head.ref === ref)
          );
        })
        .sort((a, b) =>
          ctx.query.get("direction") === "asc" ? a.number - b.number : b.number - a.number,
        );
      const page = paginate(ctx, list);
      return {
        status: 200,
        body: page.items.map((i) => pullSimple(ctx.core, ctx.repo, i)),
        headers: page.headers,
      };
    },
  },
  "pulls/update": {
    guard: "repo",
    level: "read",
    scope: "pull_requests",
    handle: async (ctx) => {
      const issue = pull(ctx);
      const login = actorLogin(ctx.actor);
      // Authors may edit their own pull; others need triage (state) or write.
      if (
        ctx.actor.kind === "user" &&
        issue.user !== login &&
        !atLeast(permissionOf(ctx.core.state, login, ctx.repo), "triage")
      ) {
        throw new HttpError(403, "Must have push access to repository");
      }
      const b = ctx.body;
      await updatePull(ctx.core, {
        repo: ctx.repo,
        issue,
        user: login,
        title: b.title,
        body: b.body,
        state: b.state,
        base: b.base,
      });
      return ok(await pullRequest(ctx.core, ctx.repo, issue));
    },
  },
  "pulls/merge": {
    guard: "repo",
    level: "write",
    scope: "contents",
    handle: async (ctx) => {
      const b = ctx.body ?? {};
      const { sha } = await mergePull(ctx.core, {
        repo: ctx.repo,
        issue: pull(ctx),
        user: actorLogin(ctx.actor),
        sha: b.sha,
        method: b.merge_method,
        title: b.commit_title,
        message: b.commit_message,
      });
      return ok({ sha, merged: true, message: "Pull Request successfully merged" });
    },
  },
  "pulls/list-files": {
    guard: "repo",
    level: "read",
    scope: "pull_requests",
    handle: async (ctx) => {
      const issue = pull(ctx);
      const p = issue.pull!;
      const base = (await ctx.repo.git.mergeBase(p.base.sha, p.head.sha)) ?? p.base.sha;
      const files = (await ctx.repo.git.diffFiles(base, p.head.sha)).map((f) =>
        diffEntry(ctx.core, ctx.repo, p.head.sha, f),
      );
      const page = paginate(ctx, files);
      return { status: 200, body: page.items, headers: page.headers };
    },
  },
  "pulls/list-commits": {
    guard: "repo",
    level: "read",
    scope: "pull_requests",
    handle: async (ctx) => {
      const issue = pull(ctx);
      const p = issue.pull!;
      const base = (await ctx.repo.git.mergeBase(p.base.sha, p.head.sha)) ?? p.base.sha;
      const shas = (await ctx.repo.git.revList([`${base}..${p.head.sha}`])).reverse();
      const page = paginate(ctx, shas);
      const items = [];
      for (const sha of page.items)
        items.push(restCommit(ctx.core, ctx.repo, await ctx.repo.git.readCommit(sha)));
      return { status: 200, body: items, headers: page.headers };
    },
  },
  "pulls/create-review": {
    guard: "repo",
    level: "read",
    scope: "pull_requests",
    handle: async (ctx) => {
      const issue = pull(ctx);
      const event = ctx.body.event;
      if (!event)
        throw new HttpError(422, "Unprocessable Entity", {
          errors: ["Pending reviews are not supported by the sim; pass event"],
        });
      const r = await submitReview(ctx.core, {
        repo: ctx.repo,
        issue,
        user: actorLogin(ctx.actor),
        event,
        body: ctx.body.body,
        commitId: ctx.body.commit_id,
      });
      return ok(review(ctx.core, ctx.repo, r));
    },
  },
  "pulls/list-reviews": {
    guard: "repo",
    level: "read",
    scope: "pull_requests",
    handle: (ctx) => {
      const issue = pull(ctx);
      const list = ctx.core.state.reviews.filter(
        (r) => r.repo === ctx.repo.fullName && r.pullNumber === issue.number,
      );
      const page = paginate(ctx, list);
      return {
        status: 200,
        body: page.items.map((r) => review(ctx.core, ctx.repo, r)),
        headers: page.headers,
      };
    },
  },
  "pulls/request-reviewers": {
    guard: "repo",
    level: "triage",
    scope: "pull_requests",
    handle: async (ctx) => {
      const issue = pull(ctx);
      const p = issue.pull!;
      for (const login of (ctx.body.reviewers ?? []) as string[]) {
        if (!ctx.core.state.accounts.has(login))
          throw new HttpError(
            422,
            "Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the repository.",
          );
        if (!p.requestedReviewers.includes(login)) p.requestedReviewers.push(login);
      }
      for (const slug of (ctx.body.team_reviewers ?? []) as string[])
        if (!p.requestedTeams.includes(slug)) p.requestedTeams.push(slug);
      return ok(await pullRequest(ctx.core, ctx.repo, issue), 201);
    },
  },
  "pulls/list-requested-reviewers": {
    guard: "repo",
    level: "read",
    scope: "pull_requests",
    handle: (ctx) => {
      const p = pull(ctx).pull!;
      const teams = p.requestedTeams
        .map((slug) => ctx.core.state.teams.get(`${ctx.repo.owner}/${slug}`.toLowerCase()))
        .filter((t) => t !== undefined)
        .map((t) => ({
          id: t.id,
          node_id: btoa(`T${t.id}`),
          url: `${ctx.core.api}/orgs/${t.org}/teams/${t.slug}`,
          members_url: `${ctx.core.api}/orgs/${t.org}/teams/${t.slug}/members{/member}`,
          name: t.name,
          description: null,
          permission: "pull",
          privacy: "closed",
          notification_setting: "notifications_enabled",
          html_url: `${ctx.core.api}/orgs/${t.org}/teams/${t.slug}`,
          repositories_url: `${ctx.core.api}/orgs/${t.org}/teams/${t.slug}/repos`,
          slug: t.slug,
          parent: null,
          type: "organization",
        }));
      return ok({ users: p.requestedReviewers.map((l) => simpleUser(ctx.core, l)), teams });
    },
  },
};

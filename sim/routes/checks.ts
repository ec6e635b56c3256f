/** Check run routes (GitHub Apps only): create, update, get, list for a ref. */
import { notFound, validationFailed } from "../http-error.ts";
import type { OperationId } from "../openapi/operations.ts";
import { createCheckRun, renderCheckRun, updateCheckRun } from "../ops/checks.ts";
import { actorLogin, ok, paginate, type RouteContext, type RouteDef } from "./types.ts";

function check(ctx: RouteContext) {
  const c = ctx.core.state.checkRuns.get(Number(ctx.params.check_run_id));
  if (!c || c.repo !== ctx.repo.fullName) throw notFound();
  return c;
}

function appId(ctx: RouteContext): number {
  return ctx.actor.kind === "installation" ? ctx.actor.app.id : 0;
}

export const routes: Partial<Record<OperationId, RouteDef>> = {
  "checks/create": {
    guard: "repo",
    level: "write",
    scope: "checks",
    appOnly: true,
    handle: async (ctx) => {
      const sha = ctx.body.head_sha as string;
      if ((await ctx.repo.git.objectType(sha)) !== "commit") {
        throw validationFailed(
          "CheckRun",
          "head_sha",
          "invalid",
          `No commit found for SHA: ${sha}`,
        );
      }
      const c = createCheckRun(ctx.core, {
        repo: ctx.repo,
        appId: appId(ctx),
        sender: actorLogin(ctx.actor),
        input: ctx.body,
      });
      return ok(renderCheckRun(ctx.core, ctx.repo, c), 201);
    },
  },
  "checks/update": {
    guard: "repo",
    level: "write",
    scope: "checks",
    appOnly: true,
    handle: (ctx) => {
      const c = updateCheckRun(ctx.core, {
        repo: ctx.repo,
        check: check(ctx),
        sender: actorLogin(ctx.actor),
        input: ctx.body,
      });
      return ok(renderCheckRun(ctx.core, ctx.repo, c));
    },
  },
  "checks/get": {
    guard: "repo",
    level: "read",
    scope: "checks",
    handle: (ctx) => ok(renderCheckRun(ctx.core, ctx.repo, check(ctx))),
  },
  "checks/list-for-ref": {
    guard: "repo",
    level: "read",
    scope: "checks",
    handle: async (ctx) => {
      const sha = await ctx.repo.git.resolveCommit(ctx.params.ref!);
      if (!sha) throw notFound();
      const name = ctx.query.get("check_name");
      const status = ctx.query.get("status");
      let list = [...ctx.core.state.checkRuns.values()].filter(
        (c) => c.repo === ctx.repo.fullName && c.headSha === sha,
      );
      if (name) list = list.filter((c) => c.name === name);
      if (status) list = list.filter((c) => c.status === status);
      // filter=latest (the default): the newest run per name.
      if ((ctx.query.get("filter") ?? "latest") === "latest") {
        const latest = new Map<string, (typeof list)[number]>();
        for (const c of list) latest.set(c.name, c);
        list = [...latest.values()];
      }
      list.sort((a, b) => b.id - a.id);
      const page = paginate(ctx, list);
      return {
        status: 200,
        body: {
          total_count: list.length,
          check_runs: page.items.map((c) => renderCheckRun(ctx.core, ctx.repo, c)),
        },
        headers: page.headers,
      };
    },
  },
};

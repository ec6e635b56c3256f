/** App, installation and user routes: installation tokens are minted for a verified app JWT. */
import { isoSeconds } from "../clock.ts";
import { HttpError, notFound } from "../http-error.ts";
import type { OperationId } from "../openapi/operations.ts";
import { fullRepo, installation, integration, privateUser } from "../shapes/accounts.ts";
import { installationFor, installationRepos } from "../webhooks/context.ts";
import { ok, paginate, type RouteContext, type RouteDef } from "./types.ts";

function appOf(ctx: RouteContext) {
  if (ctx.actor.kind !== "app") throw new HttpError(401, "A JSON web token could not be decoded");
  return ctx.actor.app;
}

function ownInstallation(ctx: RouteContext) {
  const app = appOf(ctx);
  const inst = ctx.core.state.installations.get(Number(ctx.params.installation_id));
  if (!inst || inst.appId !== app.id) throw notFound();
  return inst;
}

let tokenSeq = 0;

export const routes: Partial<Record<OperationId, RouteDef>> = {
  "apps/get-authenticated": {
    guard: "app-jwt",
    handle: (ctx) => ok(integration(ctx.core, appOf(ctx))),
  },
  "apps/get-installation": {
    guard: "app-jwt",
    handle: (ctx) => ok(installation(ctx.core, ownInstallation(ctx))),
  },
  "apps/list-installations": {
    guard: "app-jwt",
    handle: (ctx) => {
      const app = appOf(ctx);
      const list = [...ctx.core.state.installations.values()]
        .filter((i) => i.appId === app.id)
        .sort((a, b) => a.id - b.id);
      const page = paginate(ctx, list);
      return {
        status: 200,
        body: page.items.map((i) => installation(ctx.core, i)),
        headers: page.headers,
      };
    },
  },
  "apps/list-repos-accessible-to-installation": {
    guard: "authenticated",
    handle: (ctx) => {
      if (ctx.actor.kind !== "installation")
        throw new HttpError(403, "You must authenticate with an installation access token.");
      const inst = ctx.actor.installation;
      const list = installationRepos(ctx.core, inst);
      const page = paginate(ctx, list);
      return {
        status: 200,
        body: {
          total_count: list.length,
          repositories: page.items.map((r) => fullRepo(ctx.core, r)),
          repository_selection: inst.repositorySelection,
        },
        headers: page.headers,
      };
    },
  },
  "apps/get-repo-installation": {
    guard: "app-jwt",
    handle: (ctx) => {
      const app = appOf(ctx);
      const repo = ctx.core.state.repos.get(`${ctx.params.owner}/${ctx.params.repo}`.toLowerCase());
      const inst = repo && installationFor(ctx.core, repo);
      if (!inst || inst.appId !== app.id) throw notFound();
      return ok(installation(ctx.core, inst));
    },
  },
  "apps/create-installation-access-token": {
    guard: "app-jwt",
    handle: (ctx) => {
      const inst = ownInstallation(ctx);
      const expiresAt = new Date(ctx.core.clock.now().getTime() + 3600_000);
      const token = `ghs_sim${String(++tokenSeq).padStart(4, "0")}${inst.id}${Math.random().toString(36).slice(2, 14)}`;
      ctx.core.state.tokens.set(token, {
        kind: "installation",
        installationId: inst.id,
        expiresAt,
      });
      return ok(
        {
          token,
          expires_at: isoSeconds(expiresAt),
          permissions: inst.permissions,
          repository_selection: inst.repositorySelection,
        },
        201,
      );
    },
  },
  "users/get-authenticated": {
    guard: "authenticated",
    handle: (ctx) => {
      if (ctx.actor.kind !== "user")
        throw new HttpError(403, "Resource not accessible by integration");
      return ok(privateUser(ctx.core, ctx.actor.login));
    },
  },
};

/** Repository routes: get, fork, collaborator permission, commits, compare, repository dispatch, team membership. */

import { legacyPermission, permissionOf } from "../auth/permission.ts";
import { HttpError, notFound } from "../http-error.ts";
import type { OperationId } from "../openapi/operations.ts";
import { createFork } from "../ops/fork.ts";
import { fullRepo, simpleUser } from "../shapes/accounts.ts";
import { diffEntry, restCommit } from "../shapes/git.ts";
import type { Repo } from "../state.ts";
import { hookBase } from "../webhooks/context.ts";
import { actorLogin, ok, paginate, type RouteContext, type RouteDef } from "./types.ts";

async function commitOr404(repo: Repo, ref: string): Promise<string> {
  const sha = await repo.git.resolveCommit(ref);
  if (!sha) throw new HttpError(422, `No commit found for SHA: ${ref}`);
  return sha;
}

async function compare(ctx: RouteContext) {
  const { repo } = ctx;
  const baseSpec = ctx.params.base!;
  const headSpec = ctx.params.head!;
  const basehead = `${baseSpec}...${headSpec}`;
  const base = await repo.git.resolveCommit(baseSpec);
  const head = await repo.git.resolveCommit(headSpec);
  if (!base || !head) throw notFound();
  const mergeBase = (await repo.git.mergeBase(base, head)) ?? base;
  const ahead = await repo.git.revList([`${base}..${head}`]);
  const behind = await repo.git.revList([`${head}..${base}`]);
  const status =
    ahead.length && behind.length
      ? "diverged"
      : ahead.length
        ? "ahead"
        : behind.length
          ? "behind"
          : "identical";
  const commits = [];
  for (const sha of [...ahead].reverse())
    commits.push(restCommit(ctx.core, repo, await repo.git.readCommit(sha)));
  const files = (await repo.git.diffFiles(mergeBase, head)).map((f) =>
    diffEntry(ctx.core, repo, head, f),
  );
  const html = `${ctx.core.api}/${repo.fullName}/compare/${basehead}`;
  return ok({
    url: `${ctx.core.api}/repos/${repo.fullName}/compare/${basehead}`,
    html_url: html,
    permalink_url: `${ctx.core.api}/${repo.fullName}/compare/${base.slice(0, 7)}...${head.slice(0, 7)}`,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    base_commit: restCommit(ctx.core, repo, await repo.git.readCommit(base)),
    merge_base_commit: restCommit(ctx.core, repo, await repo.git.readCommit(mergeBase)),
    status,
    ahead_by: ahead.length,
    behind_by: behind.length,
    total_commits: ahead.length,
    commits,
    files,
  });
}

export const routes: Partial<Record<OperationId, RouteDef>> = {
  "repos/get": {
    guard: "repo",
    level: "read",
    scope: "metadata",
    handle: (ctx) => ok(fullRepo(ctx.core, ctx.repo, { parent: true })),
  },
  "repos/create-fork": {
    guard: "repo",
    level: "read",
    scope: "administration",
    handle: async (ctx) => {
      const owner = ctx.body?.organization ?? actorLogin(ctx.actor);
      const name = ctx.body?.name ?? ctx.repo.name;
      const existing = ctx.core.state.repos.get(`${owner}/${name}`.toLowerCase());
      if (existing?.parent === ctx.repo.fullName)
        return ok(fullRepo(ctx.core, existing, { parent: true }), 202);
      const fork = await createFork(ctx.core, ctx.repo, owner, name);
      return ok(fullRepo(ctx.core, fork, { parent: true }), 202);
    },
  },
  "repos/get-collaborator-permission-level": {
    guard: "repo",
    level: "read",
    scope: "metadata",
    handle: (ctx) => {
      const login = ctx.params.username!;
      if (!ctx.core.state.accounts.has(login)) throw notFound();
      const level = permissionOf(ctx.core.state, login, ctx.repo);
      const roles: Record<string, string> = {
        none: "none",
        read: "read",
        triage: "triage",
        write: "write",
        maintain: "maintain",
        admin: "admin",
      };
      return ok({
        permission: legacyPermission(level),
        role_name: roles[level],
        user: { ...simpleUser(ctx.core, login), role_name: roles[level] },
      });
    },
  },
  "repos/list-commits": {
    guard: "repo",
    level: "read",
    scope: "contents",
    handle: async (ctx) => {
      const { repo } = ctx;
      const start = await repo.git.resolveCommit(ctx.query.get("sha") ?? repo.defaultBranch);
      if (!start) return ok([]);
      const path = ctx.query.get("path");
      const shas = await repo.git.revList([
        start,
        "--max-count=1000",
        ...(path ? ["--", path] : []),
      ]);
      const page = paginate(ctx, shas);
      const items = [];
      for (const sha of page.items)
        items.push(restCommit(ctx.core, repo, await repo.git.readCommit(sha)));
      return { status: 200, body: items, headers: page.headers };
    },
  },
  "repos/get-commit": {
    guard: "repo",
    level: "read",
    scope: "contents",
    handle: async (ctx) => {
      const sha = await commitOr404(ctx.repo, ctx.params.ref!);
      const c = await ctx.repo.git.readCommit(sha);
      const files = await ctx.repo.git.diffFiles(
        c.parents[0] ?? "4b825dc642cb6eb9a060e54bf8d69288fbee4904",
        sha,
      );
      return ok(restCommit(ctx.core, ctx.repo, c, files));
    },
  },
  "repos/get-branch": {
    guard: "repo",
    level: "read",
    scope: "contents",
    handle: async (ctx) => {
      const name = ctx.params.branch!;
      const sha = await ctx.repo.git.resolve(`refs/heads/${name}`);
      if (!sha) throw new HttpError(404, "Branch not found");
      const url = `${ctx.core.api}/repos/${ctx.repo.fullName}/branches/${encodeURIComponent(name)}`;
      return ok({
        name,
        commit: restCommit(ctx.core, ctx.repo, await ctx.repo.git.readCommit(sha)),
        _links: { self: url, html: `${ctx.core.api}/${ctx.repo.fullName}/tree/${name}` },
        protected: false,
        protection: {
          enabled: false,
          required_status_checks: { enforcement_level: "off", contexts: [], checks: [] },
        },
        protection_url: `${url}/protection`,
      });
    },
  },
  "repos/compare-commits": { guard: "repo", level: "read", scope: "contents", handle: compare },
  "repos/create-dispatch-event": {
    guard: "repo",
    level: "write",
    scope: "contents",
    handle: (ctx) => {
      ctx.core.outbox.emit("repository_dispatch", {
        action: ctx.body.event_type,
        branch: ctx.repo.defaultBranch,
        client_payload: ctx.body.client_payload ?? {},
        ...hookBase(ctx.core, ctx.repo, actorLogin(ctx.actor)),
      });
      return { status: 204 };
    },
  },
  "teams/get-membership-for-user-in-org": {
    guard: "authenticated",
    handle: (ctx) => {
      const team = ctx.core.state.teams.get(
        `${ctx.params.org}/${ctx.params.team_slug}`.toLowerCase(),
      );
      const role = team?.members.get(ctx.params.username!);
      if (!team || !role) throw notFound();
      return ok({
        url: `${ctx.core.api}/teams/${team.id}/memberships/${ctx.params.username}`,
        role,
        state: "active",
      });
    },
  },
};

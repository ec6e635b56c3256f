/** The scripting API's accounts half: users with tokens, orgs, teams, collaborators, app installations. */
import { newId, repoOr404, type SimCore } from "./core.ts";
import { installation as installationShape } from "./shapes/accounts.ts";
import type { Installation, Permission } from "./state.ts";

/** Account calls bound to one sim; `defaultAppId` names the hosted app. */
export function accountScript(core: SimCore, defaultAppId: () => number) {
  const state = core.state;
  const repo = (name: string) => repoOr404(core, name);
  return {
    /** Create a user and return its API token. */
    createUser(
      login: string,
      opts: { name?: string; email?: string } = {},
    ): { login: string; token: string } {
      if (state.accounts.has(login)) throw new Error(`account ${login} already exists`);
      state.accounts.set(login, {
        id: newId(core),
        login,
        type: "User",
        name: opts.name ?? login,
        email: opts.email ?? `${login}@users.noreply.sim`,
      });
      const token = `ghp_sim${login.replace(/[^A-Za-z0-9]/g, "")}${state.nextId}`;
      state.tokens.set(token, { kind: "user", login });
      return { login, token };
    },

    /** Create an organization with members (role "admin" or "member"). */
    createOrg(login: string, members: Record<string, "admin" | "member"> = {}): void {
      if (state.accounts.has(login)) throw new Error(`account ${login} already exists`);
      state.accounts.set(login, {
        id: newId(core),
        login,
        type: "Organization",
        members: new Map(Object.entries(members)),
      });
    },

    /** Create a team in `org` with members and repository grants. */
    createTeam(p: {
      org: string;
      slug: string;
      name?: string;
      members?: Record<string, "member" | "maintainer"> | string[];
      repos?: Record<string, Permission>;
    }): void {
      const members = Array.isArray(p.members)
        ? Object.fromEntries(p.members.map((m) => [m, "member" as const]))
        : (p.members ?? {});
      const org = state.accounts.get(p.org);
      if (org?.type !== "Organization") throw new Error(`${p.org} is not an organization`);
      for (const m of Object.keys(members)) if (!org.members!.has(m)) org.members!.set(m, "member");
      state.teams.set(`${p.org}/${p.slug}`.toLowerCase(), {
        id: newId(core),
        org: p.org,
        slug: p.slug,
        name: p.name ?? p.slug,
        members: new Map(Object.entries(members)),
        repos: new Map(Object.entries(p.repos ?? {}).map(([k, v]) => [repo(k).fullName, v])),
      });
    },

    /** Grant `login` a permission on a repository. */
    addCollaborator(p: { repo: string; login: string; permission: Permission }): void {
      repo(p.repo).collaborators.set(p.login, p.permission);
    },

    /** Install the sim's app (or `appId`) on an account; emits installation.created. */
    install(p: {
      account: string;
      repositories?: "all" | string[];
      permissions?: Record<string, "read" | "write">;
      events?: string[];
      appId?: number;
      sender?: string;
    }): Installation {
      const appId = p.appId ?? defaultAppId();
      const inst: Installation = {
        id: newId(core),
        appId,
        account: p.account,
        repositorySelection:
          p.repositories === undefined || p.repositories === "all" ? "all" : "selected",
        repositories: new Set(
          Array.isArray(p.repositories) ? p.repositories.map((r) => r.toLowerCase()) : [],
        ),
        permissions: p.permissions ?? {
          actions: "write",
          checks: "write",
          contents: "write",
          issues: "write",
          metadata: "read",
          pull_requests: "write",
        },
        events: p.events ?? [
          "check_run",
          "issue_comment",
          "pull_request",
          "pull_request_review",
          "push",
          "repository_dispatch",
          "workflow_run",
        ],
        createdAt: core.clock.now(),
      };
      state.installations.set(inst.id, inst);
      const covered = [...state.repos.values()].filter(
        (r) =>
          r.owner === p.account &&
          (inst.repositorySelection === "all" || inst.repositories.has(r.fullName.toLowerCase())),
      );
      core.outbox.emit("installation", {
        action: "created",
        installation: installationShape(core, inst),
        repositories: covered.map((r) => ({
          id: r.id,
          node_id: btoa(`R${r.id}`),
          name: r.name,
          full_name: r.fullName,
          private: r.private,
        })),
        requester: null,
        sender: installationShape(core, inst).account,
      });
      return inst;
    },

    /** An installation token without the JWT dance (tests and the CLI). */
    installationToken(installationId: number): string {
      const token = `ghs_sim${installationId}${state.nextId++}`;
      state.tokens.set(token, {
        kind: "installation",
        installationId,
        expiresAt: new Date(core.clock.now().getTime() + 3600_000),
      });
      return token;
    },
  };
}

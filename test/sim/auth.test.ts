import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { generateAppKey, signAppJwt } from "../../sim/auth/jwt.ts";
import { type Fixture, octokit, seeded, statusOf } from "./fixture.ts";

let f: Fixture;
const R = { owner: "acme", repo: "churn" } as const;
const P = { owner: "acme", repo: "private-repo" } as const;

beforeAll(async () => {
  f = await seeded();
  f.sim.script.createUser("triager");
  f.sim.script.addCollaborator({ repo: "acme/churn", login: "triager", permission: "triage" });
});
afterAll(() => f.sim.close());

describe("permissions", () => {
  test.each([
    ["maintainer", "acme/churn", "admin", "admin"],
    ["contributor", "acme/churn", "read", "read"],
    ["triager", "acme/churn", "read", "triage"],
    ["contributor", "acme/private-repo", "none", "none"],
  ])("%s on %s: permission %s, role %s", async (username, repo, permission, role) => {
    const [owner, name] = repo.split("/") as [string, string];
    const r = await f.bot.rest.repos.getCollaboratorPermissionLevel({
      owner,
      repo: name,
      username,
    });
    expect([r.data.permission, r.data.role_name]).toEqual([permission, role]);
  });

  test("a team grant gives its members that permission", async () => {
    f.sim.script.createTeam({
      org: "acme",
      slug: "writers",
      members: ["contributor"],
      repos: { "acme/churn": "write" },
    });
    const r = await f.bot.rest.repos.getCollaboratorPermissionLevel({
      ...R,
      username: "contributor",
    });
    expect(r.data.permission).toBe("write");
  });

  const who = () => ({
    anonymous: f.anonymous,
    outsider: f.outsider,
    maintainer: f.maintainer,
    bot: f.bot,
  });
  test.each([
    ["anonymous reads a public repo", "anonymous", () => R, "get", 200, ""],
    ["anonymous reads a private repo", "anonymous", () => P, "get", 404, "Not Found"],
    ["an outsider reads a private repo", "outsider", () => P, "get", 404, "Not Found"],
    ["the admin reads a private repo", "maintainer", () => P, "get", 200, ""],
    [
      "anonymous writes a public repo",
      "anonymous",
      () => R,
      "write",
      401,
      "Requires authentication",
    ],
    [
      "an outsider writes a public repo",
      "outsider",
      () => R,
      "write",
      403,
      "Must have push access to repository",
    ],
    ["the installation writes", "bot", () => R, "write", 201, ""],
    [
      "a user creates a check run",
      "maintainer",
      () => R,
      "check",
      403,
      "You must authenticate via a GitHub App.",
    ],
    [
      "an installation outside its account",
      "bot",
      () => ({ owner: "contributor", repo: "churn" }),
      "get",
      404,
      "Not Found",
    ],
  ] as const)("%s → %i", async (_label, actor, repo, action, status, message) => {
    const o = who()[actor];
    const main = (await f.maintainer.rest.git.getRef({ ...R, ref: "heads/main" })).data.object.sha;
    const calls = {
      get: () => o.rest.repos.get(repo()),
      write: () => o.rest.git.createBlob({ ...repo(), content: "x" }),
      check: () => o.rest.checks.create({ ...repo(), name: "c", head_sha: main }),
    };
    expect(await statusOf(calls[action]())).toEqual({ status, message });
  });

  test("an installation without a permission gets 403 from GitHub's integration message", async () => {
    const inst = f.sim.script.install({
      account: "maintainer",
      permissions: { contents: "read", metadata: "read" },
    });
    await f.sim.script.createRepo({ owner: "maintainer", name: "solo", files: { a: "1" } });
    const o = octokit(f.sim, f.sim.script.installationToken(inst.id));
    expect(
      await statusOf(o.rest.git.createBlob({ owner: "maintainer", repo: "solo", content: "x" })),
    ).toEqual({ status: 403, message: "Resource not accessible by integration" });
    expect(
      (await statusOf(o.rest.repos.getContent({ owner: "maintainer", repo: "solo", path: "a" })))
        .status,
    ).toBe(200);
  });
});

describe("app authentication", () => {
  test("the app JWT (RS256, verified against the app's public key) buys an installation token that works", async () => {
    const app = octokit(f.sim, await f.sim.appJwt());
    const { data } = await app.rest.apps.createInstallationAccessToken({
      installation_id: f.installationId,
    });
    const r = await octokit(f.sim, data.token).rest.repos.get(R);
    expect(r.data.full_name).toBe("acme/churn");
  });

  test.each([
    [
      "a JWT signed with another key",
      async (): Promise<string> =>
        signAppJwt({
          appId: f.sim.app.id,
          privateKeyPem: (await generateAppKey()).privateKeyPem,
          now: new Date(),
        }),
      401,
      "A JSON web token could not be decoded",
    ],
    [
      "an expired JWT",
      async (): Promise<string> =>
        signAppJwt({
          appId: f.sim.app.id,
          privateKeyPem: f.sim.app.privateKey,
          now: new Date(Date.now() - 3_600_000),
        }),
      401,
      "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
    ],
    [
      "a JWT of an unknown app",
      async (): Promise<string> =>
        signAppJwt({ appId: 4242, privateKeyPem: f.sim.app.privateKey, now: new Date() }),
      401,
      "Integration not found",
    ],
    ["an unknown token", async (): Promise<string> => "ghp_nope", 401, "Bad credentials"],
    [
      "an installation token",
      async (): Promise<string> => f.sim.script.installationToken(f.installationId),
      401,
      "A JSON web token could not be decoded",
    ],
  ] as const)("%s → %i", async (_label, token, status, message) => {
    const app = octokit(f.sim, await token());
    expect(
      await statusOf(
        app.rest.apps.createInstallationAccessToken({ installation_id: f.installationId }),
      ),
    ).toEqual({ status, message });
  });

  test("an installation token expires after an hour of sim time", async () => {
    const o = octokit(f.sim, f.sim.script.installationToken(f.installationId));
    expect((await statusOf(o.rest.repos.get(R))).status).toBe(200);
    f.clock.advance(3_600_000);
    expect(await statusOf(o.rest.repos.get(R))).toEqual({
      status: 401,
      message: "Bad credentials",
    });
  });
});

test("every response in this file matched GitHub's schema for its status", () => {
  expect(f.sim.violations).toEqual([]);
});

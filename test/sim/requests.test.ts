import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type Fixture, seeded } from "./fixture.ts";

let f: Fixture;
let token: string;

beforeAll(async () => {
  f = await seeded();
  token = f.sim.script.installationToken(f.installationId);
  await f.sim.script.pushCommit({
    repo: "acme/churn",
    branch: "feature/a",
    files: { "x.txt": "x" },
    message: "x",
    author: "maintainer",
  });
});
afterAll(() => f.sim.close());

async function call(method: string, path: string, body?: string) {
  const res = await f.sim.fetch(`http://sim.local${path}`, {
    method,
    headers: { authorization: `token ${token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

describe("routing: split the raw path, then decode each segment", () => {
  test.each([
    ["contents with %2F", "/repos/acme/churn/contents/config%2Fa.yaml", 200, "config/a.yaml"],
    [
      "contents with real slashes",
      "/repos/acme/churn/contents/config/a.yaml",
      200,
      "config/a.yaml",
    ],
    [
      "git ref with %2F",
      "/repos/acme/churn/git/ref/heads%2Ffeature%2Fa",
      200,
      "refs/heads/feature/a",
    ],
    [
      "git ref with real slashes",
      "/repos/acme/churn/git/ref/heads/feature/a",
      200,
      "refs/heads/feature/a",
    ],
    [
      "a repo name with %2E",
      "/repos/acme/churn/contents/README.md?ref=feature%2Fa",
      200,
      "README.md",
    ],
  ])("%s", async (_label, path, status, expected) => {
    const r = await call("GET", path);
    expect([r.status, r.body.path ?? r.body.ref]).toEqual([status, expected]);
  });

  test.each([
    ["an unknown route", "GET", "/repos/acme/churn/frobnicate", 404, "Not Found"],
    ["an unknown repository", "GET", "/repos/acme/nope", 404, "Not Found"],
    ["a method the path does not serve", "DELETE", "/repos/acme/churn", 404, "Not Found"],
    ["a malformed percent escape", "GET", "/repos/acme/churn/contents/%E0%A4%A", 404, "Not Found"],
  ])("%s → %i", async (_label, method, path, status, message) => {
    const r = await call(method, path);
    expect([r.status, r.body.message]).toEqual([status, message]);
  });
});

describe("request bodies are held to GitHub's description", () => {
  test.each([
    ["malformed JSON", "POST", "/repos/acme/churn/git/blobs", "{", 400, "Problems parsing JSON"],
    [
      "a missing required field",
      "POST",
      "/repos/acme/churn/git/blobs",
      "{}",
      422,
      'Invalid request.\n\n"content" wasn\'t supplied.',
    ],
    [
      "a wrong type",
      "PATCH",
      "/repos/acme/churn/git/refs/heads%2Ffeature%2Fa",
      '{"sha":"abc","force":"yes"}',
      422,
      "Invalid request.\n\nFor 'properties/force', \"yes\" is not a boolean.",
    ],
    [
      "a value outside the enum",
      "PUT",
      "/repos/acme/churn/pulls/1/merge",
      '{"merge_method":"octopus"}',
      422,
      'Invalid request.\n\nFor \'properties/merge_method\', "octopus" is not a member of ["merge","squash","rebase"].',
    ],
    [
      "a check run without head_sha",
      "POST",
      "/repos/acme/churn/check-runs",
      '{"name":"x"}',
      422,
      'Invalid request.\n\n"head_sha" wasn\'t supplied.',
    ],
    [
      "a pull without head",
      "POST",
      "/repos/acme/churn/pulls",
      '{"base":"main","title":"t"}',
      422,
      'Invalid request.\n\n"head" wasn\'t supplied.',
    ],
    [
      "a reaction GitHub does not have",
      "POST",
      "/repos/acme/churn/issues/comments/1/reactions",
      '{"content":"party"}',
      422,
      'Invalid request.\n\nFor \'properties/content\', "party" is not a member of ["+1","-1","laugh","confused","heart","hooray","rocket","eyes"].',
    ],
  ])("%s → %i", async (_label, method, path, body, status, message) => {
    const r = await call(method, path, body);
    expect([r.status, r.body.message]).toEqual([status, message]);
    expect(r.body.documentation_url).toStartWith("https://docs.github.com/");
  });

  test.each([
    // The 50-annotation limit is in GitHub's description (maxItems); the summary limit is enforced by the sim.
    [
      "more than 50 annotations",
      {
        output: {
          title: "t",
          summary: "s",
          annotations: Array.from({ length: 51 }, () => ({
            path: "a",
            start_line: 1,
            end_line: 1,
            annotation_level: "notice",
            message: "m",
          })),
        },
      },
      "Invalid request.\n\nFor 'properties/output/annotations', must NOT have more than 50 items.",
    ],
    [
      "a summary over 65535 characters",
      { output: { title: "t", summary: "x".repeat(65536) } },
      "Output summary is too long (maximum is 65535 characters)",
    ],
  ])("a check run with %s → 422", async (_label, extra, message) => {
    const head = (await call("GET", "/repos/acme/churn/git/ref/heads%2Fmain")).body.object.sha;
    const r = await call(
      "POST",
      "/repos/acme/churn/check-runs",
      JSON.stringify({ name: "c", head_sha: head, ...extra }),
    );
    expect([r.status, r.body.errors?.[0]?.message ?? r.body.message]).toEqual([422, message]);
  });

  test.each([
    ["no commits between", "main", "No commits between main and main"],
    ["a missing head branch", "nope", undefined],
  ])("opening a pull with %s → 422", async (_label, head, message) => {
    const r = await call(
      "POST",
      "/repos/acme/churn/pulls",
      JSON.stringify({ head, base: "main", title: "t" }),
    );
    expect([r.status, r.body.message, r.body.errors[0].message]).toEqual([
      422,
      "Validation Failed",
      message,
    ]);
  });

  test("a duplicate pull → 422 naming the existing head", async () => {
    const body = JSON.stringify({ head: "feature/a", base: "main", title: "t" });
    expect((await call("POST", "/repos/acme/churn/pulls", body)).status).toBe(201);
    const r = await call("POST", "/repos/acme/churn/pulls", body);
    expect([r.status, r.body.errors[0].message]).toEqual([
      422,
      "A pull request already exists for acme:feature/a.",
    ]);
  });

  test("contents: updating without sha → 422, with a stale sha → 409", async () => {
    const path = "/repos/acme/churn/contents/README.md";
    const missing = await call("PUT", path, JSON.stringify({ message: "m", content: btoa("new") }));
    const stale = await call(
      "PUT",
      path,
      JSON.stringify({ message: "m", content: btoa("new"), sha: "1".repeat(40) }),
    );
    expect([missing.status, missing.body.message, stale.status, stale.body.message]).toEqual([
      422,
      'Invalid request.\n\n"sha" wasn\'t supplied.',
      409,
      `README.md does not match ${"1".repeat(40)}`,
    ]);
  });
});

describe("responses as over the network", () => {
  test("sim.fetch's Response.url is the request's URL (octokit.paginate reads it)", async () => {
    const res = await f.sim.fetch("http://sim.local/repos/acme/churn?x=1", {
      headers: { authorization: `token ${token}` },
    });
    expect([res.status, res.url]).toEqual([200, "http://sim.local/repos/acme/churn?x=1"]);
  });

  test("octokit.paginate walks a compare (the call that threw on an empty url)", async () => {
    // The bot's changedFiles: each page's files.
    const files = await f.bot.paginate(
      "GET /repos/{owner}/{repo}/compare/{basehead}",
      { owner: "acme", repo: "churn", basehead: "main...feature/a", per_page: 100 },
      (response) => response.data.files ?? [],
    );
    expect(files.map((x) => x.filename)).toEqual(["x.txt"]);
  });

  test("GitHub Enterprise Server's /api/v3 prefix (Probot's GHE_HOST) reaches the same routes", async () => {
    const r = await call("GET", "/api/v3/repos/acme/churn/contents/config%2Fa.yaml");
    expect([r.status, r.body.path]).toEqual([200, "config/a.yaml"]);
  });
});

describe("pagination", () => {
  test("per_page/page with GitHub's Link header, so octokit.paginate walks every page", async () => {
    const n = f.sim.script.createIssue({ repo: "acme/churn", title: "many", user: "maintainer" });
    for (let i = 0; i < 35; i++)
      f.sim.script.comment({ repo: "acme/churn", number: n, user: "maintainer", body: `c${i}` });
    const first = await f.bot.rest.issues.listComments({
      owner: "acme",
      repo: "churn",
      issue_number: n,
      per_page: 10,
    });
    const all = await f.bot.paginate(f.bot.rest.issues.listComments, {
      owner: "acme",
      repo: "churn",
      issue_number: n,
      per_page: 10,
    });
    expect([
      first.data.length,
      first.headers.link?.includes('rel="next"'),
      all.map((c) => c.body),
    ]).toEqual([10, true, Array.from({ length: 35 }, (_, i) => `c${i}`)]);
  });
});

describe("Link headers point at the list that was asked for", () => {
  test("a workflow's runs page to that workflow's runs, not the repository's", async () => {
    f.sim.actions.register({
      repo: "acme/churn",
      workflow: "paged.yml",
      executor: async () => ({ conclusion: "success" }),
    });
    for (let i = 0; i < 3; i++) {
      await f.bot.rest.actions.createWorkflowDispatch({
        owner: "acme",
        repo: "churn",
        workflow_id: "paged.yml",
        ref: "main",
      });
    }
    await f.sim.idle();
    const page = await f.bot.rest.actions.listWorkflowRuns({
      owner: "acme",
      repo: "churn",
      workflow_id: "paged.yml",
      per_page: 1,
    });
    expect(page.headers.link?.split(", ")[0]).toBe(
      `<${f.sim.url}/repos/acme/churn/actions/workflows/paged.yml/runs?per_page=1&page=2>; rel="next"`,
    );
  });
});

describe("the subset records where it came from", () => {
  test("the spec version is the @octokit/openapi version it was generated from", async () => {
    const { SPEC_VERSION } = await import("../../sim/openapi/spec.ts");
    const { default: spec } = await import("../../sim/openapi/api.github.com.subset.json", {
      with: { type: "json" },
    });
    expect(spec.info["x-source"]).toBe(
      `@octokit/openapi@${SPEC_VERSION} generated/api.github.com.json`,
    );
  });
});

test("every response in this file matched GitHub's schema for its status", () => {
  expect(f.sim.violations).toEqual([]);
});

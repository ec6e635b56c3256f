import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type Fixture, seeded, statusOf } from "./fixture.ts";

let f: Fixture;
const R = { owner: "acme", repo: "churn" } as const;

beforeAll(async () => {
  f = await seeded();
});
afterAll(() => f.sim.close());

async function raw(path: string) {
  const res = await f.sim.fetch(`http://sim.local${path}`, {
    headers: { authorization: `token ${f.sim.script.installationToken(f.installationId)}` },
  });
  return {
    status: res.status,
    retryAfter: res.headers.get("retry-after"),
    body: (await res.json()) as { message: string },
  };
}

describe("API faults", () => {
  test.each([
    [500, null, "Internal Server Error"],
    [502, null, "Server Error"],
    [503, null, "Service Unavailable"],
    [429, "60", "Too Many Requests"],
    [
      403,
      "30",
      "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
    ],
  ] as const)(
    "status %i (retry-after %s), then the route recovers",
    async (status, retryAfter, message) => {
      f.sim.faults.inject({
        route: "GET /repos/{owner}/{repo}",
        status,
        ...(status === 403 ? { retryAfter: 30 } : {}),
      });
      const failed = await raw("/repos/acme/churn");
      const next = await raw("/repos/acme/churn");
      expect([failed.status, failed.retryAfter, failed.body.message, next.status]).toEqual([
        status,
        retryAfter,
        message,
        200,
      ]);
    },
  );

  test("times and a route pattern: only matching calls fail, n times", async () => {
    f.sim.faults.inject({ route: /pulls/, status: 502, times: 2 });
    const statuses = [];
    for (const path of [
      "/repos/acme/churn",
      "/repos/acme/churn/pulls",
      "/repos/acme/churn/pulls",
      "/repos/acme/churn/pulls",
    ])
      statuses.push((await raw(path)).status);
    expect(statuses).toEqual([200, 502, 502, 200]);
  });

  test("latency delays the answer but serves it", async () => {
    f.sim.faults.inject({ latencyMs: 5 });
    expect((await statusOf(f.bot.rest.repos.get(R))).status).toBe(200);
  });

  test("clear() removes pending faults", async () => {
    f.sim.faults.inject({ status: 500, times: 5 });
    f.sim.faults.clear();
    expect((await raw("/repos/acme/churn")).status).toBe(200);
  });
});

describe("counters", () => {
  test("API calls per route and webhook deliveries per event, reset between stages", async () => {
    f.sim.counters.reset();
    await f.bot.rest.repos.get(R);
    await f.bot.rest.repos.get(R);
    await f.bot.rest.repos.getContent({ ...R, path: "README.md" });
    await f.sim.script.pushCommit({
      repo: "acme/churn",
      branch: "c",
      files: { c: "1" },
      message: "c",
      author: "maintainer",
    });
    const n = await f.sim.script.openPullRequest({
      repo: "acme/churn",
      head: "c",
      title: "C",
      user: "maintainer",
    });
    await f.bot.rest.issues.createComment({ ...R, issue_number: n, body: "hi" });
    await f.sim.idle();
    expect([
      f.sim.counters.api.snapshot(),
      f.sim.counters.webhooks.snapshot(),
      f.sim.counters.api.total(),
    ]).toEqual([
      {
        "GET /repos/{owner}/{repo}": 2,
        "GET /repos/{owner}/{repo}/contents/{path}": 1,
        "POST /repos/{owner}/{repo}/issues/{issue_number}/comments": 1,
      },
      { "issue_comment.created": 1, "pull_request.opened": 1, push: 1 },
      4,
    ]);
    f.sim.counters.reset();
    expect([f.sim.counters.api.total(), f.sim.counters.webhooks.total()]).toEqual([0, 0]);
  });
});

test("every response in this file matched GitHub's schema for its status", () => {
  expect(f.sim.violations).toEqual([]);
});

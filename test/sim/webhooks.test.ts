import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Webhooks } from "@octokit/webhooks";
import examples from "@octokit/webhooks-examples" with { type: "json" };
import { validateWebhook } from "../../sim/openapi/spec.ts";
import { PARSED_EVENTS, parseWebhook } from "../../sim/webhooks/parse.ts";
import { type Fixture, seeded } from "./fixture.ts";

let f: Fixture;
const R = { owner: "acme", repo: "churn" } as const;

/** The x-webhooks key of GitHub's description for an event and action. */
function schemaKey(name: string, action: unknown): string {
  if (name === "repository_dispatch") return "repository-dispatch-sample.collected";
  const base = name.replace(/_/g, "-");
  return typeof action === "string" && name !== "push"
    ? `${base}-${action.replace(/_/g, "-")}`
    : base;
}

beforeAll(async () => {
  f = await seeded();
  f.sim.actions.register({
    repo: "acme/churn",
    workflow: "train.yml",
    executor: async () => ({ conclusion: "failure" }),
  });
});
afterAll(() => f.sim.close());

/** Cause every kind of event the sim sends, through the REST API and the scripting API. */
async function everyEvent(): Promise<void> {
  const s = f.sim.script;
  s.install({ account: "contributor" });
  await s.pushCommit({
    repo: "acme/churn",
    branch: "w",
    files: { "w.txt": "1\n" },
    message: "w",
    author: "maintainer",
  });
  const pr = await f.bot.rest.pulls.create({ ...R, head: "w", base: "main", title: "W" });
  await s.pushCommit({
    repo: "acme/churn",
    branch: "w",
    files: { "w.txt": "2\n" },
    message: "w2",
    author: "maintainer",
  });
  await f.bot.rest.pulls.update({ ...R, pull_number: pr.data.number, title: "W!" });
  await f.bot.rest.pulls.update({ ...R, pull_number: pr.data.number, state: "closed" });
  await f.bot.rest.pulls.update({ ...R, pull_number: pr.data.number, state: "open" });
  await f.maintainer.rest.issues.addLabels({
    ...R,
    issue_number: pr.data.number,
    labels: ["safe-to-train"],
  });
  await f.maintainer.rest.issues.removeLabel({
    ...R,
    issue_number: pr.data.number,
    name: "safe-to-train",
  });
  await s.review({
    repo: "acme/churn",
    number: pr.data.number,
    user: "maintainer",
    event: "APPROVE",
  });
  const c = await f.contributor.rest.issues.createComment({
    ...R,
    issue_number: pr.data.number,
    body: "/retrain",
  });
  await f.contributor.rest.issues.updateComment({
    ...R,
    comment_id: c.data.id,
    body: "/retrain now",
  });
  await f.contributor.rest.issues.deleteComment({ ...R, comment_id: c.data.id });
  const check = await f.bot.rest.checks.create({
    ...R,
    name: "mlops/gates",
    head_sha: pr.data.head.sha,
  });
  await f.bot.rest.checks.update({ ...R, check_run_id: check.data.id, conclusion: "failure" });
  await f.bot.rest.repos.createDispatchEvent({
    ...R,
    event_type: "mlops-retrain",
    client_payload: { model: "churn" },
  });
  await f.bot.rest.actions.createWorkflowDispatch({ ...R, workflow_id: "train.yml", ref: "main" });
  await f.sim.idle();
  await s.merge({ repo: "acme/churn", number: pr.data.number, user: "maintainer" });
  await f.sim.idle();
}

describe("webhooks", () => {
  test("every event the sim sends is signed so @octokit/webhooks verifies it, matches GitHub's schema, and passes the parse path", async () => {
    await everyEvent();
    const webhooks = new Webhooks({ secret: f.sim.app.webhookSecret });
    const seen: string[] = [];
    webhooks.onAny((e) => void seen.push(e.name));
    const problems: string[] = [];
    for (const d of f.received) {
      await webhooks.verifyAndReceive({
        id: d.id,
        name: d.name as never,
        payload: d.body,
        signature: d.headers["x-hub-signature-256"]!,
      });
      const key = schemaKey(d.name, d.payload.action);
      const errors = validateWebhook(key, d.payload);
      if (errors)
        problems.push(
          `${key}: ${errors
            .slice(0, 3)
            .map((e) => `${e.instancePath} ${e.message}`)
            .join("; ")}`,
        );
      const parsed = parseWebhook(d.name, d.body);
      if (!parsed.ok) problems.push(`${key}: ${parsed.errors.join("; ")}`);
    }
    expect(problems).toEqual([]);
    expect(seen.length).toBe(f.received.length);
    expect(f.received.map((d) => schemaKey(d.name, d.payload.action))).toEqual([
      "installation-created",
      "push",
      "pull-request-opened",
      "push",
      "pull-request-synchronize",
      "pull-request-edited",
      "pull-request-closed",
      "pull-request-reopened",
      "pull-request-labeled",
      "pull-request-unlabeled",
      "pull-request-review-submitted",
      "issue-comment-created",
      "issue-comment-edited",
      "issue-comment-deleted",
      "check-run-created",
      "check-run-completed",
      "repository-dispatch-sample.collected",
      "workflow-run-requested",
      "workflow-run-in-progress",
      "workflow-run-completed",
      "push",
      "pull-request-closed",
    ]);
  });

  test("label changes through the scripting API: pull_request.labeled / unlabeled per label, with the sender", async () => {
    const s = f.sim.script;
    await s.pushCommit({
      repo: "acme/churn",
      branch: "labels",
      files: { "l.txt": "1\n" },
      message: "l",
      author: "maintainer",
    });
    const n = await s.openPullRequest({
      repo: "acme/churn",
      head: "labels",
      title: "L",
      user: "maintainer",
    });
    await f.sim.idle();
    const from = f.received.length;
    await s.addLabels({
      repo: "acme/churn",
      number: n,
      user: "maintainer",
      labels: ["a", "b", "a"],
    });
    await s.removeLabel({ repo: "acme/churn", number: n, user: "contributor", name: "a" });
    await f.sim.idle();
    const got = f.received.slice(from).map((d) => {
      const p = d.payload as { label: { name: string }; sender: { login: string } };
      return [
        d.name,
        d.payload.action,
        p.label.name,
        p.sender.login,
        validateWebhook(schemaKey(d.name, d.payload.action), d.payload),
      ];
    });
    expect(got).toEqual([
      ["pull_request", "labeled", "a", "maintainer", null],
      ["pull_request", "labeled", "b", "maintainer", null],
      ["pull_request", "unlabeled", "a", "contributor", null],
    ]);
  });

  test("clicking a check run: rerequested and requested_action; a fork's pull request is not listed, as on GitHub", async () => {
    const s = f.sim.script;
    await s.pushCommit({
      repo: "contributor/churn",
      branch: "from-fork",
      files: { "f.txt": "1\n" },
      message: "f",
      author: "contributor",
    });
    const n = await s.openPullRequest({
      repo: "acme/churn",
      head: "contributor:from-fork",
      title: "F",
      user: "contributor",
    });
    await f.sim.idle();
    const pull = await f.bot.rest.pulls.get({ owner: "acme", repo: "churn", pull_number: n });
    const created = await f.bot.rest.checks.create({
      owner: "acme",
      repo: "churn",
      name: "ci",
      head_sha: pull.data.head.sha,
    });
    expect(created.data.pull_requests).toEqual([]);
    await f.sim.idle();
    const from = f.received.length;
    s.clickCheckRun({ repo: "acme/churn", checkRunId: created.data.id, user: "maintainer" });
    s.clickCheckRun({
      repo: "acme/churn",
      checkRunId: created.data.id,
      user: "maintainer",
      action: "retrain",
    });
    await f.sim.idle();
    const got = f.received.slice(from).map((d) => {
      const p = d.payload as {
        check_run: { id: number; pull_requests: unknown[] };
        requested_action?: { identifier: string };
      };
      return [
        d.name,
        d.payload.action,
        p.check_run.id,
        p.check_run.pull_requests,
        p.requested_action?.identifier ?? null,
        validateWebhook(schemaKey(d.name, d.payload.action), d.payload),
      ];
    });
    expect(got).toEqual([
      ["check_run", "rerequested", created.data.id, [], null, null],
      ["check_run", "requested_action", created.data.id, [], "retrain", null],
    ]);
  });

  test("headers are GitHub's: event, delivery GUID, sha256 signature, JSON content type", () => {
    const d = f.received[0]!;
    expect(Object.keys(d.headers).sort()).toEqual([
      "content-type",
      "user-agent",
      "x-github-delivery",
      "x-github-event",
      "x-github-hook-id",
      "x-hub-signature-256",
    ]);
    expect(d.headers["x-github-delivery"]).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(d.headers["x-hub-signature-256"]).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  test("a tampered body fails verification", async () => {
    const d = f.received[1]!;
    const webhooks = new Webhooks({ secret: f.sim.app.webhookSecret });
    expect(await webhooks.verify(`${d.body} `, d.headers["x-hub-signature-256"]!)).toBe(false);
    expect(await webhooks.verify(d.body, d.headers["x-hub-signature-256"]!)).toBe(true);
  });

  const cases = (examples as { name: string; examples: Record<string, unknown>[] }[])
    .filter((e) => PARSED_EVENTS.includes(e.name))
    .flatMap((e) =>
      e.examples.map(
        (payload, i) =>
          [`${e.name} #${i} ${String(payload.action ?? "")}`, e.name, payload] as const,
      ),
    );

  test("the examples cover every event the bot subscribes to", () => {
    expect([...new Set(cases.map(([, name]) => name))].sort()).toEqual([...PARSED_EVENTS].sort());
  });

  test.each(cases)(
    "@octokit/webhooks-examples %s goes through the parse path",
    (_label, name, payload) => {
      const parsed = parseWebhook(name, JSON.stringify(payload));
      expect(parsed.ok ? "ok" : parsed.errors).toBe("ok");
    },
  );

  test.each([
    ["not JSON", "push", "{", ["body is not JSON"]],
    ["an unknown event", "star", "{}", ['unsupported event "star"']],
    [
      "a push without ref",
      "push",
      '{"before":"a","after":"b","commits":[],"pusher":{"name":"x"},"repository":{"id":1,"name":"r","full_name":"o/r","owner":{"login":"o"}},"sender":{"login":"x"}}',
      ["ref: expected string, got undefined"],
    ],
  ])("the parse path rejects %s with a message naming the field", (_label, name, body, errors) => {
    expect(parseWebhook(name, body)).toEqual({ ok: false, errors });
  });
});

describe("deliveries: log, redelivery, faults", () => {
  async function comment(body: string) {
    await f.bot.rest.issues.createComment({ ...R, issue_number: 1, body });
    await f.sim.idle();
  }

  test("redelivery keeps the GUID and is marked as a redelivery", async () => {
    f.received.length = 0;
    await comment("one");
    const original = f.sim.webhooks.log.at(-1)!;
    const again = f.sim.webhooks.redeliver(original.id);
    await f.sim.idle();
    expect([again.guid, again.redelivery, again.status, f.received.map((d) => d.id)]).toEqual([
      original.guid,
      true,
      "delivered",
      [original.guid, original.guid],
    ]);
  });

  test.each([
    ["drop", ["b"], ["dropped", "delivered"]],
    ["duplicate", ["a", "a", "b"], ["delivered", "delivered"]],
    ["reorder", ["b", "a"], ["delivered", "delivered"]],
  ] as const)("%s the next event", async (fault, order, statuses) => {
    f.received.length = 0;
    f.sim.webhooks.faults[fault] = 1;
    await f.bot.rest.issues.createComment({ ...R, issue_number: 1, body: "a" });
    await f.bot.rest.issues.createComment({ ...R, issue_number: 1, body: "b" });
    await f.sim.idle();
    expect(f.received.map((d) => (d.payload.comment as { body: string }).body)).toEqual([...order]);
    expect(f.sim.webhooks.log.slice(-2).map((d) => d.status)).toEqual([...statuses]);
  });

  test("a receiver that throws marks the delivery failed and later ones still arrive", async () => {
    f.sim.webhooks.subscribe({ receive: () => Promise.reject(new Error("receiver down")) });
    await comment("x");
    const last = f.sim.webhooks.log.at(-1)!;
    expect([last.status, last.error]).toEqual(["failed", "receiver down"]);
  });
});

describe("the scripting API sends the same webhooks as the REST routes", () => {
  let branchSeq = 0;
  /** The payload with ids, numbers, shas and times blanked: what must match is the shape and the action. */
  function skeleton(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(skeleton);
    if (value === null || typeof value !== "object") return typeof value;
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, skeleton(v)]),
    );
  }

  test.each([
    [
      "open a pull request",
      (n: number) =>
        f.sim.script.openPullRequest({
          repo: "acme/churn",
          head: `eq-${n}`,
          title: "Eq",
          user: "maintainer",
        }),
      (n: number) =>
        f.maintainer.rest.pulls.create({ ...R, head: `eq-${n}`, base: "main", title: "Eq" }),
    ],
    [
      "comment",
      () =>
        Promise.resolve(
          f.sim.script.comment({ repo: "acme/churn", number: 1, user: "maintainer", body: "hi" }),
        ),
      () => f.maintainer.rest.issues.createComment({ ...R, issue_number: 1, body: "hi" }),
    ],
  ] as const)("%s", async (_label, viaScript, viaRest) => {
    const capture = async (n: number, act: (n: number) => Promise<unknown>) => {
      await f.sim.script.pushCommit({
        repo: "acme/churn",
        branch: `eq-${n}`,
        files: { [`eq-${n}`]: "1" },
        message: "eq",
        author: "maintainer",
      });
      await f.sim.idle();
      f.received.length = 0;
      await act(n);
      await f.sim.idle();
      return f.received.map((d) => [d.name, d.payload.action, skeleton(d.payload)]);
    };
    const a = await capture(++branchSeq, viaScript);
    const b = await capture(++branchSeq, viaRest);
    expect(a).toEqual(b);
    expect(a.length).toBe(1);
  });
});

describe("push payloads", () => {
  type Push = {
    created: boolean;
    forced: boolean;
    commits: { message: string; added: string[] }[];
  };
  async function lastPush(): Promise<Push> {
    await f.sim.idle();
    return f.received.filter((d) => d.name === "push").at(-1)!.payload as Push;
  }
  const summary = (p: Push) => [
    p.created,
    p.forced,
    p.commits.map((c) => c.message),
    p.commits.map((c) => c.added),
  ];

  test("a new branch lists only the commits no other branch has; a branch at existing commits lists none", async () => {
    await f.sim.script.pushCommit({
      repo: "acme/churn",
      branch: "fresh",
      files: { "p/1.txt": "1" },
      message: "p1",
      author: "maintainer",
    });
    const first = summary(await lastPush());
    const sha = await f.sim.script.branchSha({ repo: "acme/churn", branch: "fresh" });
    await f.bot.rest.git.createRef({ ...R, ref: "refs/heads/fresh-copy", sha: sha! });
    expect([first, summary(await lastPush())]).toEqual([
      [true, false, ["p1"], [["p/1.txt"]]],
      [true, false, [], []],
    ]);
  });

  test("an update lists before..after; a forced update says forced", async () => {
    const s = f.sim.script;
    const base = await s.pushCommit({
      repo: "acme/churn",
      branch: "upd",
      files: { "u/1.txt": "1" },
      message: "u1",
      author: "maintainer",
    });
    await s.pushCommit({
      repo: "acme/churn",
      branch: "upd",
      files: { "u/2.txt": "2" },
      message: "u2",
      author: "maintainer",
    });
    const update = summary(await lastPush());
    await f.bot.rest.git.updateRef({ ...R, ref: "heads/upd", sha: base, force: true });
    expect([update, summary(await lastPush())]).toEqual([
      [false, false, ["u2"], [["u/2.txt"]]],
      [false, true, [], []],
    ]);
  });
});

test("every response in this file matched GitHub's schema for its status", () => {
  expect(f.sim.violations).toEqual([]);
});

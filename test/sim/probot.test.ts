import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { Probot, ProbotOctokit } from "probot";
import { type Fixture, seeded } from "./fixture.ts";

let f: Fixture;

beforeAll(async () => {
  f = await seeded();
});
afterAll(() => f.sim.close());

describe("Probot against the sim", () => {
  test("ProbotOctokit signs an app JWT with the sim's private key, gets an installation token and calls the API", async () => {
    const octokit = new ProbotOctokit({
      auth: {
        appId: f.sim.app.id,
        privateKey: f.sim.app.privateKey,
        installationId: f.installationId,
      },
      baseUrl: f.sim.url,
      request: { fetch: f.sim.fetch },
    });
    const { data } = await octokit.rest.repos.get({ owner: "acme", repo: "churn" });
    expect(data.full_name).toBe("acme/churn");
    expect(Object.keys(f.sim.counters.api.snapshot())).toContain(
      "POST /app/installations/{installation_id}/access_tokens",
    );
  });

  test("a Probot app receives the sim's signed webhooks and answers through the sim", async () => {
    const probot = new Probot({
      appId: f.sim.app.id,
      privateKey: f.sim.app.privateKey,
      secret: f.sim.app.webhookSecret,
      baseUrl: f.sim.url,
      Octokit: ProbotOctokit.defaults({ request: { fetch: f.sim.fetch } }),
      logLevel: "fatal",
    });
    await probot.load((app) => {
      app.on("issue_comment.created", async (context) => {
        if (context.isBot) return;
        await context.octokit.rest.reactions.createForIssueComment(
          context.repo({ comment_id: context.payload.comment.id, content: "eyes" }),
        );
      });
    });
    f.sim.webhooks.subscribe({
      receive: (d) =>
        probot.webhooks.verifyAndReceive({
          id: d.id,
          name: d.name as never,
          payload: d.body,
          signature: d.headers["x-hub-signature-256"]!,
        }),
    });
    f.sim.script.createIssue({ repo: "acme/churn", title: "Retrain", user: "maintainer" });
    const id = f.sim.script.comment({
      repo: "acme/churn",
      number: 1,
      user: "contributor",
      body: "/retrain",
    });
    await f.sim.idle();
    expect(f.sim.state.comments.get(id)!.reactions.map((r) => [r.user, r.content])).toEqual([
      ["mlops-bot[bot]", "eyes"],
    ]);
  });
});

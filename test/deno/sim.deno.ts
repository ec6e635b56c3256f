// Deno smoke suite of the sim: it starts on a free port under Deno (Deno.serve) and answers real HTTP calls.
import assert from "node:assert/strict";
import { createSim, type Sim } from "../../sim/index.ts";
import { seedPlayground } from "../../sim/seed.ts";
import { serve } from "../../sim/serve.ts";

Deno.test("the sim serves over HTTP on Deno: reads, writes through git, merges, webhooks", async () => {
  let sim: Sim | null = null;
  const served = await serve((r) => sim!.fetch(r), { port: 0 });
  sim = await createSim({ baseUrl: served.url });
  try {
    const seeded = await seedPlayground(sim, { name: "churn", mlRepo: null, environments: null });
    const events: string[] = [];
    sim.webhooks.subscribe({ receive: (d) => void events.push(d.name) });
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${served.url}${path}`, {
        ...init,
        headers: { authorization: `token ${seeded.tokens.installation}` },
      });

    const repo = await api("/repos/acme/churn");
    assert.equal(repo.status, 200);
    assert.equal((await repo.json()).full_name, "acme/churn");

    const anonymous = await fetch(`${served.url}/repos/acme/churn/git/blobs`, {
      method: "POST",
      body: "{}",
    });
    assert.equal(anonymous.status, 401);
    await anonymous.body?.cancel();

    await sim.script.pushCommit({
      repo: "acme/churn",
      branch: "f",
      files: { "f.txt": "f\n" },
      message: "f",
      author: "maintainer",
    });
    const pr = await api("/repos/acme/churn/pulls", {
      method: "POST",
      body: JSON.stringify({ head: "f", base: "main", title: "F" }),
    });
    assert.equal(pr.status, 201);
    const { number } = await pr.json();
    const merged = await api(`/repos/acme/churn/pulls/${number}/merge`, {
      method: "PUT",
      body: JSON.stringify({ merge_method: "merge" }),
    });
    assert.equal(merged.status, 200);
    const commits = await sim.script.listCommits({ repo: "acme/churn", max: 1 });
    assert.equal(commits[0]!.parents.length, 2);
    await sim.idle();
    assert.deepEqual(events, ["push", "pull_request", "push", "pull_request"]);
  } finally {
    await served.close();
    await sim.close();
  }
});

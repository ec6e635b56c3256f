/** A seeded sim for the suites: org acme, repo acme/churn, users maintainer (admin) and contributor (fork), the app installed, Octokits for each. */
import { Octokit } from "@octokit/rest";
import { createSim, manualClock, type Sim } from "../../sim/index.ts";
import type { WebhookDelivery } from "../../sim/webhooks/outbox.ts";

export interface Fixture {
  sim: Sim;
  clock: ReturnType<typeof manualClock>;
  bot: Octokit;
  maintainer: Octokit;
  contributor: Octokit;
  outsider: Octokit;
  anonymous: Octokit;
  installationId: number;
  received: WebhookDelivery[];
}

/** An Octokit talking to the sim in-process; retries and throttling off so statuses reach the test. */
export function octokit(sim: Sim, auth?: string): Octokit {
  return new Octokit({
    ...(auth ? { auth } : {}),
    baseUrl: sim.url,
    request: { fetch: sim.fetch, retries: 0 },
  });
}

/** Build the fixture. */
export async function seeded(): Promise<Fixture> {
  const clock = manualClock();
  const sim = await createSim({ clock, validateResponses: true });
  const s = sim.script;
  const maintainer = s.createUser("maintainer");
  const contributor = s.createUser("contributor");
  const outsider = s.createUser("outsider");
  s.createOrg("acme", { maintainer: "admin" });
  await s.createRepo({
    owner: "acme",
    name: "churn",
    files: { "README.md": "# churn\n", "config/a.yaml": "a: 1\n", "data/train.csv": "x,y\n1,2\n" },
    author: "maintainer",
  });
  await s.createRepo({
    owner: "acme",
    name: "private-repo",
    private: true,
    files: { "README.md": "secret\n" },
    author: "maintainer",
  });
  await s.fork({ repo: "acme/churn", owner: "contributor" });
  const installation = s.install({ account: "acme" });
  const received: WebhookDelivery[] = [];
  sim.webhooks.subscribe({ receive: (d) => void received.push(d) });
  await sim.idle();
  received.length = 0;
  return {
    sim,
    clock,
    bot: octokit(sim, s.installationToken(installation.id)),
    maintainer: octokit(sim, maintainer.token),
    contributor: octokit(sim, contributor.token),
    outsider: octokit(sim, outsider.token),
    anonymous: octokit(sim),
    installationId: installation.id,
    received,
  };
}

/** The status an Octokit call fails with (or 200-ish when it succeeds), and the error message. */
export async function statusOf(
  call: Promise<{ status: number }>,
): Promise<{ status: number; message: string }> {
  try {
    const r = await call;
    return { status: r.status, message: "" };
  } catch (error) {
    const e = error as { status?: number; response?: { data?: { message?: string } } };
    return { status: e.status ?? -1, message: e.response?.data?.message ?? String(error) };
  }
}

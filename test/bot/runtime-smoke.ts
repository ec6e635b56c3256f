/**
 * Start-and-receive smoke for a runtime entry point (bot/runtime/<runtime>.ts as a child process),
 * shared by the Bun test and usable from a plain script: the sim served over HTTP in this process,
 * the bot started from Probot's environment variables pointed at it (GHE_HOST), then: /ping answers,
 * the startup resync lists the installed repositories, a signed webhook is accepted and a forged
 * one refused. Returns what was observed; the caller asserts.
 */
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { createSim, type Sim } from "../../sim/index.ts";
import { seedPlayground } from "../../sim/seed.ts";
import { serve } from "../../sim/serve.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const DEADLINE_MS = 20_000;

/** What the smoke saw. */
export interface RuntimeSmoke {
  ping: string | null;
  /** From the bot's log line "installed on N repositories". */
  installedRepos: number | null;
  /** HTTP statuses of a signed and a forged delivery. */
  signed: number;
  forged: number;
  log: string;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

async function until<T>(fn: () => Promise<T | null>): Promise<T | null> {
  const end = Date.now() + DEADLINE_MS;
  while (Date.now() < end) {
    const value = await fn().catch(() => null);
    if (value) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}

/** Run the smoke against `command` (argv that starts the entry point, run in the project root). */
export async function runtimeSmoke(command: string[]): Promise<RuntimeSmoke> {
  let sim: Sim | null = null;
  const served = await serve((r) => sim!.fetch(r), { port: 0 });
  sim = await createSim({ baseUrl: served.url });
  await seedPlayground(sim, { name: "churn", mlRepo: null, environments: null });
  const port = await freePort();
  const [program = "", ...args] = command;
  const child = spawn(program, args, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      APP_ID: String(sim.app.id),
      PRIVATE_KEY: sim.app.privateKey,
      WEBHOOK_SECRET: sim.app.webhookSecret,
      GHE_HOST: new URL(served.url).host,
      GHE_PROTOCOL: "http",
      PORT: String(port),
      HOST: "127.0.0.1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout?.on("data", (c) => {
    log += c;
  });
  child.stderr?.on("data", (c) => {
    log += c;
  });
  const closed = new Promise((r) => child.on("close", r));
  try {
    const base = `http://127.0.0.1:${port}`;
    const ping = await until(async () => {
      const r = await fetch(`${base}/ping`);
      return r.ok ? r.text() : null;
    });
    const installed = await until(async () => /installed on (\d+) repositories/.exec(log));
    const body = JSON.stringify({ zen: "Design for failure.", hook_id: 1 });
    const post = async (secret: string) => {
      const signature = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
      const r = await fetch(`${base}/api/github/webhooks`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-github-event": "ping",
          "x-github-delivery": "00000000-0000-4000-8000-0000000000aa",
          "x-hub-signature-256": signature,
        },
        body,
      });
      await r.arrayBuffer();
      return r.status;
    };
    return {
      ping,
      installedRepos: installed ? Number(installed[1]) : null,
      signed: await post(sim.app.webhookSecret),
      forged: await post("not-the-secret"),
      log,
    };
  } finally {
    child.kill("SIGTERM");
    await closed;
    await served.close();
    await sim.close();
  }
}

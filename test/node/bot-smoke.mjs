// Node smoke run of the bot's runtime entry point: the sim served over HTTP by `mlops sim` (a child),
// the bot started by `node --import tsx bot/runtime/node.ts` (another child) from Probot's usual
// environment variables, pointed at the sim as a GitHub Enterprise Server (GHE_HOST). A pull request
// opened through the sim's REST API gets the bot's checks; a webhook with a forged signature is refused.
// Prints "N passed, N failed"; exits non-zero on failure.
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";
import { checks, equal } from "./checks.mjs";

register();
const { generateChurnCsv } = await import("../../examples/churn/generate-data.ts");

const root = fileURLToPath(new URL("../..", import.meta.url));
const DEADLINE_MS = 30_000;
const tally = checks();
const check = tally.check;
/** Call `fn` until it returns something truthy (the bot works asynchronously); null at the deadline. */
async function until(fn) {
  const end = Date.now() + DEADLINE_MS;
  while (Date.now() < end) {
    const value = await fn().catch(() => null);
    if (value) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  return null;
}
/** A port nobody listens on now (the bot's server needs one before the sim can be told its URL). */
async function freePort() {
  const server = createServer();
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

const children = [];
let botLog = "";
function start(args, env = {}) {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  return child;
}

try {
  // 1. The sim, delivering signed webhooks to where the bot will listen.
  const botPort = await freePort();
  const hookUrl = `http://127.0.0.1:${botPort}/api/github/webhooks`;
  const simChild = start([
    "bin/mlops.js",
    "sim",
    "--port",
    "0",
    "--format",
    "json",
    "--webhook-url",
    hookUrl,
  ]);
  const sim = await new Promise((resolve, reject) => {
    let out = "";
    simChild.stdout.on("data", (c) => {
      out += c;
      if (out.includes("\n")) resolve(JSON.parse(out.slice(0, out.indexOf("\n"))));
    });
    simChild.on("close", (code) => reject(new Error(`mlops sim exited with ${code}`)));
  });
  const api = (path, init = {}) =>
    fetch(`${sim.url}${path}`, {
      ...init,
      headers: {
        authorization: `token ${sim.tokens.maintainer}`,
        "content-type": "application/json",
      },
    });

  // 2. The bot, from Probot's environment variables only.
  const bot = start(["--import", "tsx", "bot/runtime/node.ts"], {
    APP_ID: String(sim.app.id),
    PRIVATE_KEY: sim.app.privateKey,
    WEBHOOK_SECRET: sim.app.webhookSecret,
    GHE_HOST: new URL(sim.url).host,
    GHE_PROTOCOL: "http",
    PORT: String(botPort),
    HOST: "127.0.0.1",
    LOG_LEVEL: "info",
  });
  bot.stdout.on("data", (c) => {
    botLog += c;
  });
  bot.stderr.on("data", (c) => {
    botLog += c;
  });

  await check("the bot's server answers Probot's /ping", async () => {
    const pong = await until(async () => {
      const r = await fetch(`http://127.0.0.1:${botPort}/ping`);
      return r.ok ? r.text() : null;
    });
    equal(pong, "PONG");
  });

  await check("at startup the bot lists the app's installations through the sim", async () => {
    const line = await until(async () => /installed on (\d+) repositories/.exec(botLog));
    // acme/churn and acme/ml-environments (the contributor's fork is another account's).
    equal(line?.[1], "2");
  });

  await check("a pull request opened through the REST API gets the bot's checks", async () => {
    const main = await (await api("/repos/acme/churn/git/ref/heads%2Fmain")).json();
    equal(
      (
        await api("/repos/acme/churn/git/refs", {
          method: "POST",
          body: JSON.stringify({ ref: "refs/heads/more-data", sha: main.object.sha }),
        })
      ).status,
      201,
    );
    const csv = generateChurnCsv({ rows: 1500, seed: 3 });
    const put = await api("/repos/acme/churn/contents/data%2Ftrain.csv", {
      method: "PUT",
      body: JSON.stringify({
        message: "more data",
        content: Buffer.from(csv).toString("base64"),
        branch: "more-data",
      }),
    });
    equal(put.status, 201);
    const pr = await api("/repos/acme/churn/pulls", {
      method: "POST",
      body: JSON.stringify({ title: "More data", head: "more-data", base: "main" }),
    });
    equal(pr.status, 201);
    const { head } = await pr.json();
    const runs = await until(async () => {
      const r = await api(`/repos/acme/churn/commits/${head.sha}/check-runs`);
      const { check_runs } = await r.json();
      const done = check_runs.filter((c) => c.status === "completed");
      return done.length === 3 ? check_runs : null;
    });
    // No Actions executor is registered without --with-bot: the dispatch fails, and says so.
    equal((runs ?? []).map((c) => [c.name, c.conclusion]).sort(), [
      ["mlops/config", "success"],
      ["mlops/data", "success"],
      ["mlops/gates", "failure"],
    ]);
  });

  await check(
    "a webhook with a forged signature is refused; the same body signed is accepted",
    async () => {
      const body = JSON.stringify({ zen: "Keep it logically awesome.", hook_id: 1 });
      const post = (signature) =>
        fetch(`http://127.0.0.1:${botPort}/api/github/webhooks`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-github-event": "ping",
            "x-github-delivery": "00000000-0000-4000-8000-0000000000ff",
            "x-hub-signature-256": signature,
          },
          body,
        });
      const forged = `sha256=${createHmac("sha256", "not-the-secret").update(body).digest("hex")}`;
      const signed = `sha256=${createHmac("sha256", sim.app.webhookSecret).update(body).digest("hex")}`;
      equal([(await post(forged)).status, (await post(signed)).status], [400, 200]);
    },
  );
} catch (error) {
  await check("setup", () => {
    throw error;
  });
} finally {
  for (const child of children) child.kill("SIGTERM");
}
if (tally.failed > 0 || process.env.BOT_SMOKE_LOG)
  console.error(`bot log:\n${botLog.slice(-4000)}`);
process.exit(tally.finish());

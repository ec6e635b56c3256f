/** `mlops sim`: serve the simulated GitHub on 127.0.0.1 with a seeded org, repos, users and the app installed, until interrupted. */

import { resolve } from "node:path";
import process from "node:process";
import { createSim, type Sim } from "../../sim/index.ts";
import { readFolder, seedName, seedPlayground } from "../../sim/seed.ts";
import { serve } from "../../sim/serve.ts";
import { formatOption, parseArgs } from "../args.ts";
import type { Command } from "../cli.ts";
import { environmentsRepoFiles } from "../environments-repo.ts";
import { EXIT, UsageError } from "../io.ts";
import { attachBot, withTraining } from "./sim-with-bot.ts";

const USAGE =
  "usage: mlops sim [--port 3333] [--seed examples/churn] [--with-bot] [--webhook-url URL] [--format text|json]";

function parsePort(value: unknown): number {
  const port = Number(value ?? 3333);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(
      `--port must be a number from 0 to 65535, not "${String(value)}"\n${USAGE}`,
    );
  return port;
}

/** Resolve when the process gets SIGINT or SIGTERM. */
function interrupted(): Promise<void> {
  return new Promise((done) => {
    process.once("SIGINT", () => done());
    process.once("SIGTERM", () => done());
  });
}

export const command: Command = {
  name: "sim",
  summary: "serve the simulated GitHub on 127.0.0.1",
  usage: USAGE,
  async run(args, io) {
    const { values } = parseArgs(
      args,
      {
        port: { type: "string" },
        seed: { type: "string" },
        format: { type: "string" },
        "with-bot": { type: "boolean" },
        "webhook-url": { type: "string" },
      },
      USAGE,
    );
    const format = formatOption(values.format, ["text", "json"] as const, USAGE);
    const port = parsePort(values.port);
    const seedDir = resolve(io.cwd, values.seed ?? "examples/churn");
    const mlRepo = readFolder(seedDir);
    if (values.seed !== undefined && mlRepo === null)
      throw new UsageError(
        `--seed ${values.seed}: no such folder; pass a folder of files to commit`,
      );
    const environments = environmentsRepoFiles(io.cwd);
    const webhookUrl = values["webhook-url"];
    if (webhookUrl !== undefined && !/^https?:\/\/[^/\s]+/.test(webhookUrl))
      throw new UsageError(
        `--webhook-url must be an http(s) URL such as http://127.0.0.1:3000/api/github/webhooks, not "${webhookUrl}"\n${USAGE}`,
      );

    let sim: Sim | null = null;
    let served: Awaited<ReturnType<typeof serve>>;
    try {
      served = await serve(
        (r) => (sim ? sim.fetch(r) : Promise.resolve(new Response("starting", { status: 503 }))),
        { port },
      );
    } catch (error) {
      io.stderr(
        `mlops sim: cannot listen on 127.0.0.1:${port} (${error instanceof Error ? error.message : String(error)}); pick another --port\n`,
      );
      return EXIT.usage;
    }
    const ready = await createSim({ baseUrl: served.url });
    // Signed deliveries to a bot in another process (Probot's server), as a GitHub App's webhook URL.
    if (webhookUrl !== undefined) ready.webhooks.subscribe({ url: webhookUrl });
    // --with-bot: the bot listens before seeding (it sees the installation) and trains the example.
    const bot = values["with-bot"] ? attachBot(ready) : null;
    const seeded = await seedPlayground(ready, {
      name: seedName(seedDir),
      mlRepo: bot ? withTraining(mlRepo) : mlRepo,
      environments,
    });
    if (bot && seeded.repositories[0]) bot.train(seeded.repositories[0]);
    sim = ready;
    // The scheduler, run watchers and resync on the wall clock, once the API answers.
    await bot?.bot.start();
    if (format === "json") {
      io.stdout(
        `${JSON.stringify({ url: served.url, tokens: seeded.tokens, repositories: seeded.repositories, app: { id: ready.app.id, slug: ready.app.slug, webhookSecret: ready.app.webhookSecret, privateKey: ready.app.privateKey } })}\n`,
      );
    } else {
      const lines = [
        `simulated GitHub at ${served.url}`,
        `repositories: ${seeded.repositories.join(", ")}`,
        ...Object.entries(seeded.tokens).map(([who, token]) => `token ${who.padEnd(12)} ${token}`),
        `app id ${ready.app.id} (${ready.app.slug}), webhook secret ${ready.app.webhookSecret}`,
        `try: curl -H "Authorization: token ${seeded.tokens.maintainer}" ${served.url}/repos/${seeded.repositories[0]}`,
        ...(bot
          ? [
              "mlops-bot is installed: open a pull request changing data/train.csv and watch its checks and comment",
            ]
          : []),
        "press Ctrl-C to stop",
      ];
      io.stdout(`${lines.join("\n")}\n`);
    }
    await interrupted();
    bot?.bot.stop();
    await served.close();
    await ready.close();
    return EXIT.ok;
  },
};

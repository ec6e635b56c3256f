/**
 * Starting the bot from the environment, shared by the three runtimes: Probot's own server (webhook
 * signature checked by its middleware) with the app, and the scheduler ticking on the wall clock.
 * APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, PORT, GHE_HOST/GITHUB_API_URL as Probot reads them.
 */
import { Probot, Server } from "probot";
import { mlopsApp } from "../app.ts";
import type { BotDeps } from "../deps.ts";

/** How often the scheduler looks for due cron slots. */
const TICK_MS = 60_000;

/** Start the server; `env` is the runtime's environment (process.env or Deno.env.toObject()). */
export async function startBot(
  env: Record<string, string | undefined>,
  deps: Partial<BotDeps> = {},
): Promise<Server> {
  const missing = ["APP_ID", "PRIVATE_KEY", "WEBHOOK_SECRET"].filter((k) => !env[k]);
  if (missing.length > 0) {
    throw new Error(
      `set ${missing.join(", ")} (the GitHub App's id, private key and webhook secret) to start the bot`,
    );
  }
  const server = new Server({
    Probot: Probot.defaults({
      appId: env.APP_ID,
      privateKey: (env.PRIVATE_KEY ?? "").replace(/\\n/g, "\n"),
      secret: env.WEBHOOK_SECRET,
      ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}),
      logLevel: (env.LOG_LEVEL as "info" | undefined) ?? "info",
    }),
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? "0.0.0.0",
  });
  await server.load(
    mlopsApp({ clock: { now: () => new Date() }, ...deps }, ({ scheduler }) =>
      scheduler.start(TICK_MS),
    ),
  );
  await server.start();
  return server;
}

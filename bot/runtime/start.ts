/**
 * Starting the bot from the environment, shared by the three runtimes: Probot's own server (webhook
 * signature checked by its middleware) with the app, then the bot's life cycle (installations read,
 * runs in progress watched again, the scheduler ticking) on the wall clock.
 * Probot's variables: APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, PORT, HOST, LOG_LEVEL, WEBHOOK_PATH, and
 * GHE_HOST (+ GHE_PROTOCOL) for GitHub Enterprise Server; GITHUB_API_URL sets the API base URL
 * directly (the sim). ARGO_TOKEN is the Argo Server's bearer token for `runner: argo`.
 */
import { Probot, Server } from "probot";
import { createArgoRunner } from "../../lib/runners/argo.ts";
import { type MlopsBot, mlopsApp } from "../app.ts";
import type { BotDeps } from "../deps.ts";

/** The GitHub API base URL the environment names: GITHUB_API_URL, else GHE_HOST's /api/v3, else none (github.com). */
export function apiBaseUrl(env: Record<string, string | undefined>): string | undefined {
  if (env.GITHUB_API_URL) return env.GITHUB_API_URL.replace(/\/+$/, "");
  if (env.GHE_HOST) return `${env.GHE_PROTOCOL || "https"}://${env.GHE_HOST}/api/v3`;
  return undefined;
}

/** Start the server; `env` is the runtime's environment (process.env or Deno.env.toObject()). */
export async function startBot(
  env: Record<string, string | undefined>,
  deps: Partial<BotDeps> = {},
): Promise<{ server: Server; bot: MlopsBot }> {
  const missing = ["APP_ID", "PRIVATE_KEY", "WEBHOOK_SECRET"].filter((k) => !env[k]);
  if (missing.length > 0) {
    throw new Error(
      `set ${missing.join(", ")} (the GitHub App's id, private key and webhook secret) to start the bot`,
    );
  }
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a number from 0 to 65535, not "${env.PORT}"`);
  const baseUrl = apiBaseUrl(env);
  const server = new Server({
    Probot: Probot.defaults({
      appId: env.APP_ID,
      privateKey: (env.PRIVATE_KEY ?? "").replace(/\\n/g, "\n"),
      secret: env.WEBHOOK_SECRET,
      ...(baseUrl ? { baseUrl } : {}),
      logLevel: (env.LOG_LEVEL as "info" | undefined) ?? "info",
    }),
    port,
    host: env.HOST ?? "0.0.0.0",
    ...(env.WEBHOOK_PATH ? { webhookPath: env.WEBHOOK_PATH } : {}),
  });
  const runners = {
    ...(env.ARGO_TOKEN ? { argo: createArgoRunner({ token: env.ARGO_TOKEN }) } : {}),
    ...deps.runners,
  };
  let bot: MlopsBot | undefined;
  await server.load(
    mlopsApp({ clock: { now: () => new Date() }, ...deps, runners }, (b) => {
      bot = b;
    }),
  );
  await server.start();
  if (!bot) throw new Error("the app did not load");
  // Not awaited by the caller's first request: a slow installation listing must not delay serving.
  await bot.start();
  return { server, bot };
}

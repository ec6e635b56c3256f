import { describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { apiBaseUrl } from "../../bot/runtime/start.ts";
import { runtimeSmoke } from "./runtime-smoke.ts";

describe("the API base URL from Probot's environment variables", () => {
  test.each([
    [{}, undefined],
    [{ GHE_HOST: "ghe.example.com" }, "https://ghe.example.com/api/v3"],
    [{ GHE_HOST: "127.0.0.1:3333", GHE_PROTOCOL: "http" }, "http://127.0.0.1:3333/api/v3"],
    [{ GITHUB_API_URL: "http://127.0.0.1:3333/", GHE_HOST: "x" }, "http://127.0.0.1:3333"],
  ])("%p → %p", (env, url) => {
    expect(apiBaseUrl(env)).toBe(url);
  });
});

describe("bot/runtime/bun.ts", () => {
  test("without the app's credentials it exits 2 with one line naming what to set", () => {
    const r = spawnSync(process.execPath, ["bot/runtime/bun.ts"], {
      env: { PATH: process.env.PATH ?? "" },
      encoding: "utf8",
    });
    expect([r.status, r.stderr]).toEqual([
      2,
      "mlops-bot: set APP_ID, PRIVATE_KEY, WEBHOOK_SECRET (the GitHub App's id, private key and webhook secret) to start the bot\n",
    ]);
  });

  test("starts Probot's server on Bun: ping, installations listed at startup, signed webhook accepted, forged refused", async () => {
    const seen = await runtimeSmoke([process.execPath, "bot/runtime/bun.ts"]);
    expect([seen.ping, seen.installedRepos, seen.signed, seen.forged]).toEqual([
      "PONG",
      2,
      200,
      400,
    ]);
  }, 30_000);
});

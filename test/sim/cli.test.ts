import { describe, expect, test } from "bun:test";
import { spawn } from "node:child_process";
import { runCli } from "../../bin/cli.ts";
import { memoryIo as memoryIoOver } from "../memory-io.ts";

/** Output captured; the sim reads the real working directory for --seed. */
const memoryIo = () => memoryIoOver({}, process.cwd());

describe("mlops sim: usage errors exit 2 with one line naming the fix", () => {
  test.each([
    [
      ["sim", "--port", "abc"],
      'mlops sim: --port must be a number from 0 to 65535, not "abc"\nusage: mlops sim [--port 3333] [--seed examples/churn] [--with-bot] [--webhook-url URL] [--format text|json]\n',
    ],
    [
      ["sim", "--format", "xml"],
      'mlops sim: --format must be one of text, json, not "xml"\nusage: mlops sim [--port 3333] [--seed examples/churn] [--with-bot] [--webhook-url URL] [--format text|json]\n',
    ],
    [
      ["sim", "--seed", "no/such/dir"],
      "mlops sim: --seed no/such/dir: no such folder; pass a folder of files to commit\n",
    ],
    [
      ["sim", "--webhook-url", "localhost:3000"],
      'mlops sim: --webhook-url must be an http(s) URL such as http://127.0.0.1:3000/api/github/webhooks, not "localhost:3000"\nusage: mlops sim [--port 3333] [--seed examples/churn] [--with-bot] [--webhook-url URL] [--format text|json]\n',
    ],
    [
      ["sim", "--bogus"],
      "mlops sim: Unknown option '--bogus'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"--bogus\"\nusage: mlops sim [--port 3333] [--seed examples/churn] [--with-bot] [--webhook-url URL] [--format text|json]\n",
    ],
  ])("%p", async (argv, stderr) => {
    const io = memoryIo();
    expect(await runCli(argv, io)).toBe(2);
    expect(io.err).toBe(stderr);
  });
});

describe("mlops sim serves until SIGTERM", () => {
  test("--format json: the first stdout line is {url, tokens, repositories}; the repo is seeded from examples/churn", async () => {
    const child = spawn(
      process.execPath,
      ["bin/mlops.ts", "sim", "--port", "0", "--format", "json"],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    const first = await new Promise<{
      url: string;
      tokens: Record<string, string>;
      repositories: string[];
    }>((resolve) => {
      child.stdout.on("data", (c) => {
        out += c;
        if (out.includes("\n")) resolve(JSON.parse(out.slice(0, out.indexOf("\n"))));
      });
    });
    const res = await fetch(`${first.url}/repos/acme/churn/contents/`, {
      headers: { authorization: `token ${first.tokens.maintainer}` },
    });
    const names = ((await res.json()) as { name: string }[]).map((e) => e.name);
    const code = new Promise((resolve) => child.on("close", resolve));
    child.kill("SIGTERM");
    expect([
      Object.keys(first.tokens),
      first.repositories,
      first.url.startsWith("http://127.0.0.1:"),
      names.includes("train.ts"),
      await code,
    ]).toEqual([
      ["installation", "maintainer", "contributor"],
      ["acme/churn", "acme/ml-environments", "contributor/churn"],
      true,
      true,
      0,
    ]);
  });
});

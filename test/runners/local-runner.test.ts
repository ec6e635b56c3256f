import { afterAll, describe, expect, test } from "bun:test";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { runLocal } from "../../bot/runners/local-run.ts";
import { createLocalRunner, localEnv } from "../../bot/runners/local-runner.ts";
import type { RunRequest, TrainingConfig } from "../../lib/runners/types.ts";

const root = mkdtempSync(join(tmpdir(), "mlops-local-runner-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
/** A fresh directory holding `train.ts` with `source`. */
function workdir(source: string): string {
  n += 1;
  const dir = join(root, `case-${n}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "train.ts"), source);
  return dir;
}

const bun = process.execPath;
const env = { PATH: process.env.PATH ?? "" };

describe("runLocal", () => {
  test.each([
    [
      "success: metrics and predictions read from the directory, output tails kept",
      `import { writeFileSync } from "node:fs";
       console.log("epoch 1"); console.log("epoch 2");
       writeFileSync("metrics.json", '{"accuracy": 0.9}');
       writeFileSync("predictions.csv", "label,prediction\\n1,1\\n");`,
      { predictionsFile: "predictions.csv" },
      {
        conclusion: "success",
        exitCode: 0,
        signal: null,
        timedOut: false,
        stdout: "epoch 1\nepoch 2\n",
        stderr: "",
        outputs: {
          problems: [],
          metrics: { file: "metrics.json", text: '{"accuracy": 0.9}' },
          predictions: { file: "predictions.csv", text: "label,prediction\n1,1\n" },
        },
      },
    ],
    [
      "a non-zero exit: failure, outputs not read",
      `console.error("boom"); process.exit(3);`,
      {},
      {
        conclusion: "failure",
        message: "the command exited with code 3; see its output below",
        exitCode: 3,
        signal: null,
        timedOut: false,
        stdout: "",
        stderr: "boom\n",
        outputs: { problems: [] },
      },
    ],
    [
      "success without the metrics file",
      `console.log("done");`,
      { metricsFile: "out/m.json" },
      {
        conclusion: "success",
        exitCode: 0,
        signal: null,
        timedOut: false,
        stdout: "done\n",
        stderr: "",
        outputs: {
          problems: [
            'the run produced no metrics file "out/m.json" (found: no files); write it in the training script or set training.metrics_file',
          ],
        },
      },
    ],
    [
      "an output path outside the directory",
      `console.log("x");`,
      { metricsFile: "../secret.json" },
      {
        conclusion: "success",
        exitCode: 0,
        signal: null,
        timedOut: false,
        stdout: "x\n",
        stderr: "",
        outputs: {
          problems: [
            '"../secret.json" is outside the run directory; give a path relative to the checkout',
          ],
        },
      },
    ],
    [
      "only the given env reaches the process",
      `import { writeFileSync } from "node:fs";
       writeFileSync("metrics.json", JSON.stringify({ keys: Object.keys(process.env).filter((k) => k.startsWith("MLOPS_")).sort() }));`,
      {},
      {
        conclusion: "success",
        exitCode: 0,
        signal: null,
        timedOut: false,
        stdout: "",
        stderr: "",
        outputs: {
          problems: [],
          metrics: { file: "metrics.json", text: '{"keys":["MLOPS_GIVEN"]}' },
        },
      },
    ],
  ])("%s", async (_, source, files, expected) => {
    process.env.MLOPS_TEST_SECRET = "must-not-leak";
    const result = await runLocal({
      command: [bun, "train.ts"],
      cwd: workdir(source),
      env: { ...env, MLOPS_GIVEN: "1" },
      timeoutMs: 60_000,
      ...files,
    });
    delete process.env.MLOPS_TEST_SECRET;
    expect(result).toEqual(expected as never);
  });

  test("stdout tail keeps the last bytes", async () => {
    const result = await runLocal({
      command: [bun, "train.ts"],
      cwd: workdir(`for (let i = 0; i < 2000; i++) console.log("line " + i);`),
      env,
      timeoutMs: 60_000,
      tailBytes: 20,
    });
    expect(result.stdout).toBe("line 1998\nline 1999\n");
  });

  test("a missing program is a one-line failure", async () => {
    const result = await runLocal({
      command: ["mlops-no-such-program"],
      cwd: workdir(""),
      env,
      timeoutMs: 60_000,
    });
    expect(result.conclusion).toBe("failure");
    expect(result.message).toBe(
      "cannot start mlops-no-such-program (not found on PATH); fix training.local.command or install it on the bot's host",
    );
  });

  test("the timeout kills the process group, grandchildren included", async () => {
    const dir = workdir(`import { spawn } from "node:child_process";
      import { writeFileSync } from "node:fs";
      const child = spawn("sleep", ["60"], { stdio: "ignore" });
      writeFileSync("grandchild.pid", String(child.pid));
      console.log("started");
      await new Promise((r) => setTimeout(r, 60_000));`);
    const result = await runLocal({ command: [bun, "train.ts"], cwd: dir, env, timeoutMs: 2000 });
    expect(result.conclusion).toBe("timed_out");
    expect(result.timedOut).toBe(true);
    expect(result.signal).toBe("SIGKILL");
    expect(result.message).toBe(
      "the command did not finish within 2000 ms and was killed; raise training.local.timeout or make training faster",
    );
    const pid = Number(readFileSync(join(dir, "grandchild.pid"), "utf8"));
    // Killed processes whose parent is gone may stay zombies when PID 1 does not reap them.
    const alive = (() => {
      try {
        return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0] !== "Z";
      } catch {
        return false;
      }
    })();
    expect(alive).toBe(false);
  });
});

describe("createLocalRunner", () => {
  const training: TrainingConfig = {
    runner: "local",
    local: { command: [bun, "train.ts"], timeout: "1m" },
  };
  const request: RunRequest = {
    repository: "acme/churn",
    sha: "e".repeat(40),
    ref: "main",
    datasets: { train: "abc" },
    correlationId: "00112233aabbccdd",
    reason: "schedule",
    training,
  };
  const script = `import { writeFileSync } from "node:fs";
    writeFileSync("metrics.json", JSON.stringify({ reason: process.env.MLOPS_REASON, commit: process.env.MLOPS_COMMIT }));`;

  test("dispatch is idempotent per correlation id and the result outlives the runner", async () => {
    const runs = join(root, "runs");
    const prepared: string[] = [];
    const prepare = async ({ dir }: { dir: string }) => {
      prepared.push(dir);
      writeFileSync(join(dir, "train.ts"), script);
    };
    const runner = createLocalRunner({ root: runs, prepare });
    const first = await runner.dispatch(request);
    const second = await runner.dispatch(request);
    expect(first).toEqual({
      kind: "local",
      correlationId: "00112233aabbccdd",
      repository: "acme/churn",
      training,
      id: join(runs, "00112233aabbccdd"),
      created: true,
    });
    expect(second.created).toBe(false);
    expect(await runner.poll(first)).toEqual({ state: "in_progress" });
    await runner.idle();
    const expected = {
      state: "completed",
      conclusion: "success",
      outputs: {
        problems: [],
        metrics: {
          file: "metrics.json",
          text: `{"reason":"schedule","commit":"${"e".repeat(40)}"}`,
        },
      },
      logs: { stdout: "", stderr: "" },
    };
    expect(await runner.poll(first)).toEqual(expected as never);

    // A restarted bot: a new runner over the same root finds the finished run.
    const restarted = createLocalRunner({ root: runs, prepare });
    expect((await restarted.dispatch(request)).created).toBe(false);
    expect(await restarted.poll(first)).toEqual(expected as never);
    expect(prepared).toEqual([join(runs, "00112233aabbccdd")]);
  });

  test("a run lost in a restart says so", async () => {
    const runner = createLocalRunner({ root: join(root, "lost"), prepare: async () => {} });
    const handle = {
      ...(await Promise.resolve(request)),
      id: null,
      created: true,
      kind: "local" as const,
    };
    expect(await runner.poll(handle)).toEqual({
      state: "completed",
      conclusion: "failure",
      message:
        "the local run 00112233aabbccdd has no result (the bot restarted while it ran, or it never started); retrain to run it again",
      outputs: { problems: [] },
    });
  });

  test.each([
    [
      { ...request, training: { runner: "local" as const } },
      "training.local.command is not set; give the command as a list, e.g. [bun, train.ts]",
    ],
    [
      {
        ...request,
        training: { ...training, local: { command: [bun] as [string], timeout: "soon" } },
      },
      'training timeout "soon" is not a duration; write e.g. 30m or 1h30m',
    ],
    [
      { ...request, correlationId: "../x" },
      'correlation id "../x" is not 16 hex chars; compute it with correlationId()',
    ],
  ])("bad request %#", async (req, message) => {
    const runner = createLocalRunner({ root: join(root, "bad"), prepare: async () => {} });
    await expect(runner.dispatch(req)).rejects.toThrow(message);
    expect(existsSync(join(root, "bad", "00112233aabbccdd"))).toBe(false);
  });

  test("localEnv passes only toolchain variables, the caller's env, then the request", () => {
    process.env.GITHUB_TOKEN_FOR_TEST = "secret";
    const got = localEnv(
      { ...request, pullRequest: 4 },
      { EXTRA: "1", MLOPS_REASON: "overridden" },
    );
    delete process.env.GITHUB_TOKEN_FOR_TEST;
    expect(Object.keys(got).filter((k) => !["PATH", "HOME", "TMPDIR", "LANG"].includes(k))).toEqual(
      [
        "EXTRA",
        "MLOPS_REASON",
        "MLOPS_CORRELATION_ID",
        "MLOPS_REPOSITORY",
        "MLOPS_COMMIT",
        "MLOPS_REF",
        "MLOPS_DATASETS",
        "MLOPS_PR",
      ],
    );
    expect(got.MLOPS_REASON).toBe("schedule");
    expect(got.MLOPS_PR).toBe("4");
    expect(got.MLOPS_DATASETS).toBe('{"train":"abc"}');
  });
});

describe("local runner with the example churn trainer", () => {
  test("trains in a prepared directory and returns its metrics and predictions", async () => {
    const example = new URL("../../examples/churn/", import.meta.url).pathname;
    const runner = createLocalRunner({
      root: join(root, "churn"),
      prepare: async ({ dir }) => {
        writeFileSync(join(dir, "train.ts"), readFileSync(join(example, "train.ts")));
        execFileSync(bun, [
          join(example, "generate-data.ts"),
          "--rows",
          "2000",
          "--seed",
          "7",
          "--out",
          join(dir, "train.csv"),
        ]);
      },
    });
    const handle = await runner.dispatch({
      repository: "acme/churn",
      sha: "f".repeat(40),
      ref: "main",
      datasets: { train: "x" },
      correlationId: "abcdefabcdef0000",
      reason: "push",
      training: {
        runner: "local",
        local: {
          command: [bun, "train.ts", "--data", "train.csv", "--out", "out", "--epochs", "50"],
        },
        metrics_file: "out/metrics.json",
        predictions_file: "out/predictions.csv",
      },
    });
    await runner.idle();
    const status = await runner.poll(handle);
    if (status.state !== "completed") throw new Error(`still ${status.state}`);
    expect([status.conclusion, status.message, status.outputs.problems]).toEqual([
      "success",
      undefined,
      [],
    ]);
    const metrics = JSON.parse(status.outputs.metrics?.text ?? "{}") as Record<string, unknown>;
    expect(typeof metrics.accuracy).toBe("number");
    expect(status.outputs.predictions?.file).toBe("out/predictions.csv");
    expect(status.outputs.predictions?.text.split("\n").length).toBeGreaterThan(100);
  });
});

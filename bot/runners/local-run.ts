/**
 * One local training process: an argv (no shell) in a directory the caller prepared, with only the
 * env it is given, killed with its whole process group at the timeout; its output files are read
 * from the directory after exit. Works on Bun, Node and Deno (node:child_process).
 */
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { isAbsolute, join, normalize } from "node:path";
import process from "node:process";
import { DEFAULT_METRICS_FILE, resultFromArtifacts } from "../../lib/runners/outputs.ts";
import type { RunConclusion, RunOutputs } from "../../lib/runners/types.ts";

/** What a local run ended with. */
export interface LocalRunResult {
  conclusion: RunConclusion;
  /** One line on why it did not succeed. */
  message?: string;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** The last `tailBytes` of each stream. */
  stdout: string;
  stderr: string;
  outputs: RunOutputs;
}

/** Keeps the last `limit` bytes of a stream without holding all of it. */
function tail(limit: number) {
  let chunks: Uint8Array[] = [];
  let size = 0;
  return {
    push(chunk: Uint8Array) {
      chunks.push(chunk);
      size += chunk.length;
      if (size > 2 * limit) {
        const all = Buffer.concat(chunks);
        chunks = [all.subarray(all.length - limit)];
        size = limit;
      }
    },
    text() {
      const all = Buffer.concat(chunks);
      return all.subarray(Math.max(0, all.length - limit)).toString("utf8");
    },
  };
}

// Negative pid: the whole group, so a script's own children die with it.
function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

// Output paths are the user's config: keep them inside the run directory.
function inside(cwd: string, file: string): string | null {
  const path = normalize(file);
  if (isAbsolute(path) || path === ".." || path.startsWith(`..${"/"}`)) return null;
  return join(cwd, path);
}

async function readOutputs(
  cwd: string,
  metricsFile: string,
  predictionsFile: string | undefined,
): Promise<RunOutputs> {
  const files: Record<string, Uint8Array> = {};
  const escapes: string[] = [];
  for (const file of [metricsFile, predictionsFile]) {
    if (file === undefined) continue;
    const path = inside(cwd, file);
    if (!path) {
      escapes.push(`"${file}" is outside the run directory; give a path relative to the checkout`);
      continue;
    }
    try {
      files[file] = new Uint8Array(await readFile(path));
    } catch {
      // Reported as missing below.
    }
  }
  const outputs = resultFromArtifacts(files, {
    metrics_file: metricsFile,
    ...(predictionsFile ? { predictions_file: predictionsFile } : {}),
  });
  if (escapes.length) outputs.problems = escapes;
  return outputs;
}

/** Run `command` in `cwd` with exactly `env`; kill its process group after `timeoutMs`. */
export async function runLocal(params: {
  command: string[];
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  metricsFile?: string;
  predictionsFile?: string;
  tailBytes?: number;
}): Promise<LocalRunResult> {
  const [program, ...args] = params.command;
  const limit = params.tailBytes ?? 4096;
  const out = tail(limit);
  const err = tail(limit);
  const ended = await new Promise<{
    code: number | null;
    signal: string | null;
    timedOut: boolean;
    spawnError?: string;
  }>((resolve) => {
    if (!program) {
      resolve({ code: null, signal: null, timedOut: false, spawnError: "the command is empty" });
      return;
    }
    const child = spawn(program, args, {
      cwd: params.cwd,
      env: params.env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid, "SIGKILL");
    }, params.timeoutMs);
    child.stdout?.on("data", (c: Uint8Array) => out.push(c));
    child.stderr?.on("data", (c: Uint8Array) => err.push(c));
    child.on("error", (error) => {
      clearTimeout(timer);
      const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
      resolve({
        code: null,
        signal: null,
        timedOut: false,
        spawnError: missing ? "not found on PATH" : error.message,
      });
    });
    child.on("exit", () => {
      clearTimeout(timer);
      // Background children of the script would hold the pipes open: end them with it.
      killGroup(child.pid, "SIGKILL");
    });
    child.on("close", (code, signal) => resolve({ code, signal, timedOut }));
  });
  const result: LocalRunResult = {
    conclusion: "success",
    exitCode: ended.code,
    signal: ended.signal,
    timedOut: ended.timedOut,
    stdout: out.text(),
    stderr: err.text(),
    outputs: { problems: [] },
  };
  if (ended.spawnError !== undefined) {
    result.conclusion = "failure";
    result.message = `cannot start ${program ?? "the command"} (${ended.spawnError}); fix training.local.command or install it on the bot's host`;
  } else if (ended.timedOut) {
    result.conclusion = "timed_out";
    result.message = `the command did not finish within ${params.timeoutMs} ms and was killed; raise training.local.timeout or make training faster`;
  } else if (ended.code !== 0) {
    result.conclusion = "failure";
    result.message =
      ended.code === null
        ? `the command was killed by ${ended.signal ?? "a signal"}`
        : `the command exited with code ${ended.code}; see its output below`;
  } else {
    result.outputs = await readOutputs(
      params.cwd,
      params.metricsFile ?? DEFAULT_METRICS_FILE,
      params.predictionsFile,
    );
  }
  return result;
}

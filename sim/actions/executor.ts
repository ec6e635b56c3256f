/** The GitHub Actions stand-in's executors: a function, or a command run in a temporary checkout of the ref. */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import process from "node:process";
import { runGit } from "../git/run-git.ts";

/** Files of one artifact: path inside the zip → bytes or text. */
export type ArtifactFiles = Record<string, Uint8Array | string>;

export interface ExecutorResult {
  conclusion:
    | "success"
    | "failure"
    | "cancelled"
    | "neutral"
    | "skipped"
    | "timed_out"
    | "action_required";
  /** artifact name → its files. */
  artifacts?: Record<string, ArtifactFiles>;
}

export interface RunContext {
  repo: string;
  ref: string;
  sha: string;
  runId: number;
  workflow: string;
  /** Read a file of the repository at the run's sha (null if absent). */
  readFile(path: string): Promise<Uint8Array | null>;
}

export type WorkflowFunction = (
  inputs: Record<string, unknown>,
  ctx: RunContext,
) => Promise<ExecutorResult>;

/** A command executor: run in a checkout of the sha with INPUT_<NAME> env vars; files it writes under $MLOPS_ARTIFACTS_DIR/<name>/ become artifact <name>. */
export interface WorkflowCommand {
  command: string[];
  env?: Record<string, string>;
}

export type WorkflowExecutor = WorkflowFunction | WorkflowCommand;

function collect(dir: string): Record<string, ArtifactFiles> {
  const artifacts: Record<string, ArtifactFiles> = {};
  for (const name of readdirSync(dir)) {
    const files: ArtifactFiles = {};
    const walk = (d: string) => {
      for (const entry of readdirSync(d)) {
        const p = join(d, entry);
        if (statSync(p).isDirectory()) walk(p);
        else files[relative(join(dir, name), p)] = new Uint8Array(readFileSync(p));
      }
    };
    if (statSync(join(dir, name)).isDirectory()) walk(join(dir, name));
    artifacts[name] = files;
  }
  return artifacts;
}

/** Run a command executor in a fresh checkout of `sha` from the bare repository at `gitDir`. */
export async function runCommand(
  exec: WorkflowCommand,
  p: { gitDir: string; sha: string; inputs: Record<string, unknown>; ctx: RunContext },
): Promise<ExecutorResult> {
  const root = mkdtempSync(join(tmpdir(), "sim-run-"));
  const work = join(root, "work");
  const out = join(root, "artifacts");
  try {
    const env = { GIT_INDEX_FILE: join(root, "index") };
    await runGit({ gitDir: p.gitDir, args: ["read-tree", p.sha], env });
    mkdirSync(work);
    await runGit({ gitDir: p.gitDir, args: ["--work-tree", work, "checkout-index", "-a"], env });
    const inputs = Object.fromEntries(
      Object.entries(p.inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, String(v)]),
    );
    const code = await new Promise<number>((resolve) => {
      const child = spawn(exec.command[0]!, exec.command.slice(1), {
        cwd: work,
        stdio: "ignore",
        env: {
          ...process.env,
          ...exec.env,
          ...inputs,
          GITHUB_ACTIONS: "true",
          GITHUB_REPOSITORY: p.ctx.repo,
          GITHUB_SHA: p.sha,
          GITHUB_REF: p.ctx.ref,
          GITHUB_RUN_ID: String(p.ctx.runId),
          MLOPS_ARTIFACTS_DIR: out,
        },
      });
      child.on("error", () => resolve(127));
      child.on("close", (c) => resolve(c ?? 1));
    });
    let artifacts: Record<string, ArtifactFiles> = {};
    try {
      artifacts = collect(out);
    } catch {
      artifacts = {};
    }
    return { conclusion: code === 0 ? "success" : "failure", artifacts };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

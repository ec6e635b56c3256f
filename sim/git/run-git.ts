/** Run the git CLI against a repository directory: bytes in, bytes out, a GitError on failure. */

import { Buffer } from "node:buffer";
import { spawn } from "node:child_process";
import process from "node:process";

/** A failed git invocation; `code` is git's exit status. */
export class GitError extends Error {
  override name = "GitError";
  constructor(
    message: string,
    readonly code: number,
    readonly stdout: string,
  ) {
    super(message);
  }
}

export interface GitRun {
  /** Repository (git dir) to run in. */
  gitDir: string;
  args: string[];
  input?: string | Uint8Array;
  env?: Record<string, string>;
  /** Exit codes treated as success (default [0]); e.g. merge-tree exits 1 on conflicts. */
  okCodes?: number[];
}

export interface GitResult {
  code: number;
  stdout: Uint8Array;
}

// A fixed identity and no user config, so results never depend on the machine.
const BASE_ENV = {
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_TERMINAL_PROMPT: "0",
  LANG: "C",
  LC_ALL: "C",
};

/** Run git and collect stdout as bytes; rejects with GitError on an unexpected exit code. */
export function runGit({ gitDir, args, input, env, okCodes = [0] }: GitRun): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", ["--git-dir", gitDir, ...args], {
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...BASE_ENV, ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const out: Uint8Array[] = [];
    const err: Uint8Array[] = [];
    child.stdout.on("data", (c: Uint8Array) => out.push(c));
    child.stderr.on("data", (c: Uint8Array) => err.push(c));
    child.on("error", reject);
    child.on("close", (code) => {
      const stdout = Buffer.concat(out);
      const status = code ?? -1;
      if (okCodes.includes(status)) resolve({ code: status, stdout: new Uint8Array(stdout) });
      else {
        const reason = Buffer.concat(err).toString("utf8").trim().split("\n")[0];
        reject(
          new GitError(`git ${args[0]} failed (${status}): ${reason}`, status, stdout.toString()),
        );
      }
    });
    child.stdin.on("error", () => {});
    child.stdin.end(input ?? "");
  });
}

/** Run git and return stdout as trimmed text. */
export async function gitText(run: GitRun): Promise<string> {
  const { stdout } = await runGit(run);
  return new TextDecoder().decode(stdout).trim();
}

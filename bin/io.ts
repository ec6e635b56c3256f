/** What a CLI command may touch of the outside world; tests pass an in-memory one. */
import { readFile } from "node:fs/promises";
import process from "node:process";
import type { ColumnType, DataTable } from "../lib/data/table.ts";
import { canLoadOffThread, loadTableOffThread } from "./load-table.ts";

export interface CliIo {
  /** Write to standard output (the command adds its own newlines). */
  stdout(text: string): void;
  /** Write to standard error. */
  stderr(text: string): void;
  /** Read a file as bytes; rejects with a NodeJS.ErrnoException-like error. */
  readFile(path: string): Promise<Uint8Array>;
  /** The working directory relative paths are resolved against. */
  cwd: string;
  /** Environment variables. */
  env: Record<string, string | undefined>;
  /**
   * Where the runtime has module workers: read and parse a data file on another thread (rejects
   * with OffThreadLoadError carrying the one-line reason). Absent: commands load inline.
   */
  loadTableOffThread?: (params: {
    path: string;
    types: Record<string, ColumnType>;
    maxBytes: number;
  }) => Promise<DataTable>;
}

/** The real process: stdout, stderr, the file system and environment. */
export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readFile: async (path) => {
      const buffer = await readFile(path);
      // A view, not a copy: data files run to hundreds of megabytes.
      return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    },
    cwd: process.cwd(),
    env: process.env,
    ...(canLoadOffThread() ? { loadTableOffThread } : {}),
  };
}

/** Exit codes shared by every command (DESIGN §3.2). */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A usage or input error: printed as one line on stderr, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Turn a file-system error into the one-line reason users see. */
export function describeReadError(path: string, error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  if (code === "ENOENT") return `${path}: no such file; check the path`;
  if (code === "EISDIR") return `${path}: is a directory; pass a file`;
  if (code === "EACCES") return `${path}: permission denied; check the file's permissions`;
  return `${path}: cannot be read (${error instanceof Error ? error.message : String(error)})`;
}

/** An in-memory CliIo for running commands in-process: files from a map, output captured. */
import type { CliIo } from "../bin/io.ts";

/** A CliIo over `files` (text or bytes; anything else is ENOENT) that records stdout and stderr. */
export function memoryIo(
  files: Record<string, string | Uint8Array> = {},
  cwd = "/",
): CliIo & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    stdout(text: string) {
      io.out += text;
    },
    stderr(text: string) {
      io.err += text;
    },
    async readFile(path: string) {
      const content = files[path];
      if (content === undefined) throw Object.assign(new Error("ENOENT"), { code: "ENOENT" });
      return typeof content === "string" ? new TextEncoder().encode(content) : content;
    },
    cwd,
    env: {},
  };
  return io;
}

/** Shared helpers of the data tests: bytes from text, and tables as plain JSON-able values. */
import type { DataTable } from "../../lib/data/table.ts";

/** UTF-8 bytes of `text`. */
export function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** A table as plain values (NaN shown as null) for exact comparisons. */
export function plain(table: DataTable): {
  rows: number;
  lines: number[];
  columns: Record<string, { type: string; values: unknown[] }>;
} {
  const columns: Record<string, { type: string; values: unknown[] }> = {};
  for (const c of table.columns) {
    columns[c.name] = {
      type: c.type,
      values: Array.from(c.values as ArrayLike<unknown>, (v) => (Number.isNaN(v) ? null : v)),
    };
  }
  return { rows: table.rows, lines: Array.from(table.lines), columns };
}

/** An in-memory CliIo (as in test/cli.test.ts) whose files may be bytes. */
export function memoryIo(files: Record<string, string | Uint8Array> = {}) {
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
      return typeof content === "string" ? bytes(content) : content;
    },
    cwd: "/",
    env: {},
  };
  return io;
}

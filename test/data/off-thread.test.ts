import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../../bin/cli.ts";
import { type CliIo, processIo } from "../../bin/io.ts";
import { generateChurnCsv } from "../../examples/churn/generate-data.ts";

const dir = mkdtempSync(join(tmpdir(), "mlops-off-thread-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const policy = write("p.yml", "columns:\n  tenure_months: { type: integer, min: 0, max: 120 }\n");
const data = write("cur.csv", generateChurnCsv({ rows: 3000, seed: 1 }));
const reference = write("ref.csv", generateChurnCsv({ rows: 3000, seed: 2, drift: 0.8 }));
const ragged = write("ragged.csv", "a,b\n1,2\n3\n");

/** The process IO (files on disk, a worker for the reference), with output captured. */
function capturing(offThread: boolean): CliIo & { out: string; err: string } {
  const base = processIo();
  const io = {
    ...base,
    out: "",
    err: "",
    stdout(text: string) {
      io.out += text;
    },
    stderr(text: string) {
      io.err += text;
    },
  };
  if (!offThread) delete io.loadTableOffThread;
  return io;
}

describe("check-data parses the reference on a worker", () => {
  test("bun offers the worker path", () => {
    expect(typeof processIo().loadTableOffThread).toBe("function");
  });

  test("the worker and inline paths give the same JSON", async () => {
    const args = [
      "check-data",
      data,
      "--policy",
      policy,
      "--reference",
      reference,
      "--format",
      "json",
    ];
    const worker = capturing(true);
    const inline = capturing(false);
    const codes = [await runCli(args, worker), await runCli(args, inline)];
    expect(codes[0]).toBe(codes[1]);
    expect(JSON.parse(worker.out)).toEqual(JSON.parse(inline.out));
    expect(JSON.parse(worker.out).drift.columns.length).toBeGreaterThan(0);
  });

  test.each([
    [ragged, /ragged\.csv: line 3 has 1 field/],
    [join(dir, "missing.csv"), /missing\.csv: no such file; check the path/],
  ])("an unreadable reference %p exits 2 with one line", async (ref, message) => {
    const io = capturing(true);
    expect(await runCli(["check-data", data, "--policy", policy, "--reference", ref], io)).toBe(2);
    expect(io.err).toMatch(message);
    expect(io.err.trim().split("\n")).toHaveLength(1);
  });
});

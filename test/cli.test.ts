import { describe, expect, test } from "bun:test";
import { runCli } from "../bin/cli.ts";
import { memoryIo } from "./memory-io.ts";

describe("mlops dispatch", () => {
  test.each([
    [["help"], 0, /commands:/],
    [[], 2, /usage: mlops/],
  ])("%p exits %p and prints the help", async (argv, code, pattern) => {
    const io = memoryIo();
    expect(await runCli(argv as string[], io)).toBe(code as number);
    expect(io.out).toMatch(pattern as RegExp);
  });

  test("an unknown command exits 2 with one line naming the fix", async () => {
    const io = memoryIo();
    expect(await runCli(["frobnicate"], io)).toBe(2);
    expect(io.err).toBe('mlops: unknown command "frobnicate"; run `mlops help` for the list\n');
  });
});

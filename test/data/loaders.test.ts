import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { table as aqTable, toArrowIPC } from "arquero";
import { DataError } from "../../lib/data/data-error.ts";
import { loadData } from "../../lib/data/load.ts";
import { bytes, plain } from "./helpers.ts";

describe("JSON, NDJSON, Arrow IPC and Parquet load into the same typed columns", () => {
  test.each([
    [
      "JSON array: each row keeps the line its record starts on",
      "d.json",
      '[\n  {"id": 1, "x": 1.5, "s": "a", "b": true},\n  {"id": 2,\n   "x": null, "s": "multi\\nline", "b": false},\n  {"id": 3, "x": 2, "b": null, "extra": {"k": 1}}\n]\n',
      {
        rows: 3,
        lines: [2, 3, 5],
        columns: {
          id: { type: "integer", values: [1, 2, 3] },
          x: { type: "number", values: [1.5, null, 2] },
          s: { type: "string", values: ["a", "multi\nline", null] },
          b: { type: "boolean", values: [true, false, null] },
          extra: { type: "string", values: [null, null, '{"k":1}'] },
        },
      },
    ],
    [
      "NDJSON: blank lines skipped, a late string makes the column text",
      "d.ndjson",
      '{"id": 1, "v": 10}\n\n{"id": 2, "v": "ten"}\r\n{"id": 3}\n',
      {
        rows: 3,
        lines: [1, 3, 4],
        columns: {
          id: { type: "integer", values: [1, 2, 3] },
          v: { type: "string", values: ["10", "ten", null] },
        },
      },
    ],
  ])("%s", async (_name, file, text, expected) => {
    expect(plain(await loadData({ bytes: bytes(text), file }))).toEqual(expected);
  });

  test("Arrow IPC written by arquero", async () => {
    const ipc = toArrowIPC(
      aqTable({ id: [1, 2, 3], x: [0.5, null, 2.5], s: ["a", null, "c"], b: [true, false, true] }),
    );
    expect(plain(await loadData({ bytes: ipc, file: "d.arrow" }))).toEqual({
      rows: 3,
      lines: [1, 2, 3],
      columns: {
        id: { type: "integer", values: [1, 2, 3] },
        x: { type: "number", values: [0.5, null, 2.5] },
        s: { type: "string", values: ["a", null, "c"] },
        b: { type: "boolean", values: [true, false, true] },
      },
    });
  });

  test("Parquet (test/fixtures/data/small.parquet, written by hyparquet-writer)", async () => {
    const file = new Uint8Array(readFileSync("test/fixtures/data/small.parquet"));
    expect(plain(await loadData({ bytes: file, file: "small.parquet" }))).toEqual({
      rows: 4,
      lines: [1, 2, 3, 4],
      columns: {
        id: { type: "integer", values: [1, 2, 3, 4] },
        amount: { type: "number", values: [1.5, null, 3.25, -2] },
        plan: { type: "string", values: ["basic", "pro", null, "basic"] },
        active: { type: "boolean", values: [true, false, true, null] },
      },
    });
  });

  test.each([
    ["d.json", "", "d.json: the file is empty; write an array of records"],
    [
      "d.json",
      '{"a": 1}',
      'd.json: expected an array of records like [{"a": 1}]; wrap the records in [ ]',
    ],
    [
      "d.json",
      '[\n{"a": 1},\n2\n]',
      'd.json: line 3: this element is not an object; write each record as {"column": value}',
    ],
    [
      "d.json",
      '[\n{"a": 1,}\n]',
      "d.json: is not valid JSON; fix the syntax (or use .ndjson for one record per line)",
    ],
    [
      "d.ndjson",
      '{"a": 1}\n{"a": \n',
      "d.ndjson: line 2: is not valid JSON; write one JSON object per line",
    ],
    [
      "d.ndjson",
      '{"a": 1}\n[1]\n',
      'd.ndjson: line 2: is not a JSON object; write one {"column": value} per line',
    ],
    ["d.ndjson", "\n\n", "d.ndjson: the file is empty; write one JSON object per line"],
  ])("%s %j → %s", async (file, text, message) => {
    const error = await loadData({ bytes: bytes(text), file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect(
      (error as Error).message.replace(
        /: line \d+: is not valid JSON; fix/,
        ": is not valid JSON; fix",
      ),
    ).toBe(message);
  });

  test.each([
    ["d.arrow", "d.arrow: is not a readable Arrow IPC file"],
    ["d.parquet", "d.parquet: is not a readable Parquet file"],
  ])("damaged %s is a DataError", async (file, prefix) => {
    const error = await loadData({ bytes: bytes("not binary at all"), file }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message.startsWith(prefix)).toBe(true);
  });
});

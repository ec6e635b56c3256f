import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { DataError } from "../../lib/data/data-error.ts";
import { loadData } from "../../lib/data/load.ts";
import { loadCsv } from "../../lib/data/load-csv.ts";
import type { ColumnType } from "../../lib/data/table.ts";
import { bytes, plain } from "./helpers.ts";

type Expect = ReturnType<typeof plain>;

const good: [string, string, Expect, Record<string, ColumnType>?][] = [
  [
    "integers, numbers, strings, booleans",
    "a,b,c,d\n1,1.5,x,true\n2,-2e3,y,False\n",
    {
      rows: 2,
      lines: [2, 3],
      columns: {
        a: { type: "integer", values: [1, 2] },
        b: { type: "number", values: [1.5, -2000] },
        c: { type: "string", values: ["x", "y"] },
        d: { type: "boolean", values: [true, false] },
      },
    },
  ],
  [
    "BOM, CRLF, a quoted newline that shifts later lines, doubled quotes",
    '\ufeffid,note\r\n1,"two\r\nlines"\r\n2,"say ""hi"""\r\n3,plain\r\n',
    {
      rows: 3,
      lines: [2, 4, 5],
      columns: {
        id: { type: "integer", values: [1, 2, 3] },
        note: { type: "string", values: ["two\r\nlines", 'say "hi"', "plain"] },
      },
    },
  ],
  [
    "blank lines before the header count too",
    "\r\n\na\n1\n",
    { rows: 1, lines: [4], columns: { a: { type: "integer", values: [1] } } },
  ],
  [
    "blank lines are skipped but still counted, no final newline",
    "a\n\n1\n\n\n2",
    { rows: 2, lines: [3, 6], columns: { a: { type: "integer", values: [1, 2] } } },
  ],
  [
    "missing values: empty, NA, NaN, null, None",
    "a,b\n1,x\n,NA\nNaN,null\nNone,\n5,y\n",
    {
      rows: 5,
      lines: [2, 3, 4, 5, 6],
      columns: {
        a: { type: "integer", values: [1, null, null, null, 5] },
        b: { type: "string", values: ["x", null, null, null, "y"] },
      },
    },
  ],
  [
    "a late word makes the whole column text (never a silent NaN)",
    `v\n${Array.from({ length: 1500 }, (_, i) => i).join("\n")}\nabc\n`,
    {
      rows: 1501,
      lines: Array.from({ length: 1501 }, (_, i) => i + 2),
      columns: {
        v: {
          type: "string",
          values: [...Array.from({ length: 1500 }, (_, i) => String(i)), "abc"],
        },
      },
    },
  ],
  [
    "a late fraction makes an integer column a number column",
    "v\n1\n2\n2.5\n",
    { rows: 3, lines: [2, 3, 4], columns: { v: { type: "number", values: [1, 2, 2.5] } } },
  ],
  [
    "quoted numbers are numbers; a lone quote inside a field is text",
    'a,b\n"12",5"x\n',
    {
      rows: 1,
      lines: [2],
      columns: { a: { type: "integer", values: [12] }, b: { type: "string", values: ['5"x'] } },
    },
  ],
  [
    "a column declared string keeps its digits",
    "zip,n\n01234,1\n99999,2\n",
    {
      rows: 2,
      lines: [2, 3],
      columns: {
        zip: { type: "string", values: ["01234", "99999"] },
        n: { type: "integer", values: [1, 2] },
      },
    },
    { zip: "string" },
  ],
  [
    "an all-empty column is a number column of nulls; a header without rows is an empty table",
    "a,b\n,1\n,2\n",
    {
      rows: 2,
      lines: [2, 3],
      columns: {
        a: { type: "number", values: [null, null] },
        b: { type: "integer", values: [1, 2] },
      },
    },
  ],
  [
    "a header only",
    "a,b\r\n",
    {
      rows: 0,
      lines: [],
      columns: { a: { type: "number", values: [] }, b: { type: "number", values: [] } },
    },
  ],
  [
    "numbers beyond the fast path (many digits, big exponents) parse like Number()",
    "v\n0.1234567890123456789\n1e300\n-0.000001\n",
    {
      rows: 3,
      lines: [2, 3, 4],
      columns: {
        v: { type: "number", values: [Number("0.1234567890123456789"), 1e300, -0.000001] },
      },
    },
  ],
  [
    "number spellings: signs, leading zeros, trailing dot, exponents, 16+ digits",
    "a,b,c,d\n007,1.,+5,1234567890123456\n-0,-.5,-2,1E2\n",
    {
      rows: 2,
      lines: [2, 3],
      columns: {
        a: { type: "integer", values: [7, -0] },
        b: { type: "number", values: [1, -0.5] },
        c: { type: "integer", values: [5, -2] },
        d: { type: "number", values: [1234567890123456, 100] },
      },
    },
  ],
  [
    "not numbers: a lone sign, a dot, spaces, hex",
    "a,b,c,d\n-,.,1 ,0x10\n",
    {
      rows: 1,
      lines: [2],
      columns: {
        a: { type: "string", values: ["-"] },
        b: { type: "string", values: ["."] },
        c: { type: "string", values: ["1 "] },
        d: { type: "string", values: ["0x10"] },
      },
    },
  ],
];

describe("loadCsv: types over the whole column, file line numbers", () => {
  test.each(good)("%s", (...[_name, text, expected, types]) => {
    expect(
      plain(loadCsv({ bytes: bytes(text), file: "d.csv", ...(types ? { types } : {}) })),
    ).toEqual(expected);
  });

  test("more rows than the first 64 KB suggest: the columns grow", () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `${i + 2},y`).join("\n");
    const text = `a,b\n1,"${"x".repeat(70_000)}"\n${rows}\n`;
    const table = plain(loadCsv({ bytes: bytes(text), file: "d.csv" }));
    expect(table.rows).toBe(5001);
    expect(table.lines).toEqual(Array.from({ length: 5001 }, (_, i) => i + 2));
    expect(table.columns.a).toEqual({
      type: "integer",
      values: Array.from({ length: 5001 }, (_, i) => i + 1),
    });
    expect(table.columns.b!.values.slice(0, 2)).toEqual(["x".repeat(70_000), "y"]);
    expect(table.columns.b!.values.length).toBe(5001);
  });

  test("TSV through loadData", async () => {
    const table = await loadData({ bytes: bytes("a\tb\n1\tx,y\n"), file: "d.tsv" });
    expect(plain(table).columns).toEqual({
      a: { type: "integer", values: [1] },
      b: { type: "string", values: ["x,y"] },
    });
  });

  test("gzip through DecompressionStream", async () => {
    const gz = new Uint8Array(
      await new Response(
        new Blob(["a,b\n1,2\n3,4\n"]).stream().pipeThrough(new CompressionStream("gzip")),
      ).arrayBuffer(),
    );
    expect(plain(await loadData({ bytes: gz, file: "d.csv.gz" })).columns.b).toEqual({
      type: "integer",
      values: [2, 4],
    });
  });
});

const bad: [string, Uint8Array, string, number?][] = [
  ["empty file", bytes(""), "d.csv: the file is empty; write a header line and data rows"],
  ["only newlines", bytes("\n\r\n"), "d.csv: the file is empty; write a header line and data rows"],
  [
    "ragged row after a quoted newline",
    bytes('a,b,c\n1,"x\ny",3\n4,5\n'),
    "d.csv: line 4 has 2 fields, the header has 3; quote fields that contain commas",
  ],
  [
    "too many fields",
    bytes("a,b\r\n1,2\r\n1,2,3\r\n"),
    "d.csv: line 3 has 3 fields, the header has 2; quote fields that contain commas",
  ],
  [
    "unclosed quote",
    bytes('a\n1\n"abc\n'),
    'd.csv: line 3: a quoted field is never closed; close the quote, or write a quote inside a field as ""',
  ],
  [
    "text after a closing quote",
    bytes('a,b\n"x"y,1\n'),
    'd.csv: line 2: text follows a closing quote; quote the whole field and write quotes inside it as ""',
  ],
  [
    "duplicate header",
    bytes("a,b,a\n1,2,3\n"),
    'd.csv: line 1: column "a" appears twice in the header; rename one of them',
  ],
  [
    "invalid UTF-8 in a data row",
    new Uint8Array([...bytes("a,b\n1,x\n2,"), 0xc3, 0x28, 10]),
    "d.csv: line 3: the bytes are not valid UTF-8; save the file as UTF-8",
  ],
  [
    "invalid UTF-8 in the header",
    new Uint8Array([0xff, 10, 49, 10]),
    "d.csv: line 1: the bytes are not valid UTF-8; save the file as UTF-8",
  ],
  [
    "over the memory budget",
    bytes(`a,b\n${"1,2\n".repeat(100)}`),
    "d.csv: needs about 3 KB, over the memory budget of 1000 bytes; raise --max-memory or check a sample of the file",
    1000,
  ],
];

describe("loadCsv: bad data is a DataError with one line naming the fix", () => {
  test.each(bad)("%s", (...[_name, input, message, maxBytes]) => {
    let caught: unknown;
    try {
      loadCsv({ bytes: input, file: "d.csv", ...(maxBytes ? { maxBytes } : {}) });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DataError);
    expect((caught as Error).message).toBe(message);
    expect((caught as Error).message).not.toContain("\n");
  });

  test.each([
    [
      "not gzip",
      bytes("a\n1\n"),
      "d.csv.gz: is not gzip data; drop the .gz suffix or compress the file with gzip",
    ],
    [
      "unknown extension",
      bytes("a\n1\n"),
      "d.xlsx: unknown data format; name the file .csv, .tsv, .json, .ndjson/.jsonl, .arrow/.feather/.ipc or .parquet (optionally .gz)",
    ],
  ])("loadData: %s", async (_name, input, message) => {
    const file = message.split(":")[0]!;
    await expect(loadData({ bytes: input, file })).rejects.toThrow(message);
  });

  test("arbitrary bytes never make the CSV loader throw anything but a DataError", () => {
    const alphabet = fc.constantFrom(...bytes('a,b"\r\n1.5e-x \t\u00e9'), 0xff, 0xc3, 0x80);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }),
          fc.array(alphabet, { maxLength: 200 }).map((a) => new Uint8Array(a)),
        ),
        (input) => {
          try {
            const table = loadCsv({ bytes: input, file: "p.csv" });
            for (const column of table.columns) expect(column.values.length).toBe(table.rows);
          } catch (error) {
            if (!(error instanceof DataError)) throw error;
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

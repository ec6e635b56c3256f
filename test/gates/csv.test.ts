import { describe, expect, test } from "bun:test";
import { parseCsv } from "../../lib/gates/csv.ts";

describe("parseCsv", () => {
  test.each([
    [
      "plain, trailing newline",
      "label,prediction\n1,0\n0,0\n",
      {
        header: ["label", "prediction"],
        rows: [
          ["1", "0"],
          ["0", "0"],
        ],
        lines: [2, 3],
      },
    ],
    [
      "CRLF, BOM, blank lines skipped but counted",
      "\uFEFFa,b\r\n1,2\r\n\r\n3,4",
      {
        header: ["a", "b"],
        rows: [
          ["1", "2"],
          ["3", "4"],
        ],
        lines: [2, 4],
      },
    ],
    [
      "quoted commas, quotes and newlines",
      'g,n\n"a,b",1\n"say ""hi""",2\n"two\nlines",3\nlast,4\n',
      {
        header: ["g", "n"],
        rows: [
          ["a,b", "1"],
          ['say "hi"', "2"],
          ["two\nlines", "3"],
          ["last", "4"],
        ],
        lines: [2, 3, 4, 6],
      },
    ],
    [
      "empty cells kept",
      "a,b,c\n,,\n",
      { header: ["a", "b", "c"], rows: [["", "", ""]], lines: [2] },
    ],
  ])("%s", (_name, text, table) => {
    expect(parseCsv({ source: "p.csv", text })).toEqual({
      ok: true,
      value: { source: "p.csv", ...table },
    });
  });

  test.each([
    [
      "ragged rows: the first, with its line (the data engine's loader and message)",
      "a,b\n1\n2,3\n4,5,6\n",
      ["p.csv: line 2 has 1 field, the header has 2; quote fields that contain commas"],
    ],
    [
      "an unclosed quote",
      'a,b\n1,"oops\n2,3\n',
      [
        'p.csv: line 2: a quoted field is never closed; close the quote, or write a quote inside a field as ""',
      ],
    ],
    ["empty", "", ["p.csv: the file is empty; write a header line and data rows"]],
  ])("%s", (_name, text, errors) => {
    expect(parseCsv({ source: "p.csv", text })).toEqual({ ok: false, errors });
  });
});

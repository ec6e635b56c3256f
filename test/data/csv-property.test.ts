import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { NULL_TOKENS } from "../../lib/data/csv/strings.ts";
import { DataError } from "../../lib/data/data-error.ts";
import { loadData } from "../../lib/data/load.ts";
import { loadCsv } from "../../lib/data/load-csv.ts";
import { bytes } from "./helpers.ts";

const cell = fc.string({
  unit: fc.constantFrom("a", "é", "1", ",", '"', "\n", "\r", " ", "N", "A"),
  maxLength: 6,
});

/** Lines a quoted field adds: LF, CRLF and a lone CR each end one line. */
function lineBreaks(text: string): number {
  return (text.match(/\r\n|\n|\r/g) ?? []).length;
}

describe("CSV properties", () => {
  test("quoted tables round-trip with the right file line for every row", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 4 })
          .chain((width) =>
            fc.tuple(
              fc.constant(width),
              fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 12 }),
              fc.constantFrom("\n", "\r\n"),
            ),
          ),
        ([width, rows, eol]) => {
          const names = Array.from({ length: width }, (_, i) => `c${i}`);
          const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
          const text =
            [names.join(","), ...rows.map((r) => r.map(quote).join(","))].join(eol) + eol;
          const types = Object.fromEntries(names.map((n) => [n, "string" as const]));
          const table = loadCsv({ bytes: bytes(text), file: "p.csv", types });
          let line = 2;
          const lines = rows.map((r) => {
            const at = line;
            line += 1 + r.reduce((sum, s) => sum + lineBreaks(s), 0);
            return at;
          });
          expect(Array.from(table.lines)).toEqual(lines);
          names.forEach((name, c) => {
            expect(table.columns[c]!.name).toBe(name);
            expect(table.columns[c]!.values).toEqual(
              rows.map((r) => (NULL_TOKENS.has(r[c]!) ? null : r[c]!)),
            );
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  test("numbers parse exactly as Number() does, and integer columns are those written without . or e", () => {
    const number = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer({ min: -1e6, max: 1e6 }),
      fc.integer({ min: 0, max: 99999 }).map((n) => n / 100),
    );
    fc.assert(
      fc.property(fc.array(number, { minLength: 1, maxLength: 20 }), (values) => {
        const texts = values.map((v) => String(v));
        const table = loadCsv({ bytes: bytes(`v\n${texts.join("\n")}\n`), file: "n.csv" });
        const column = table.columns[0]!;
        expect(column.type).toBe(texts.every((t) => /^-?\d+$/.test(t)) ? "integer" : "number");
        expect(Array.from(column.values as Float64Array)).toEqual(texts.map(Number));
      }),
      { numRuns: 500 },
    );
  });

  test("arbitrary bytes never make the JSON and NDJSON loaders throw anything but a DataError", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 80 }),
          fc.json().map((j) => bytes(j)),
          fc.array(fc.json(), { maxLength: 5 }).map((a) => bytes(a.join("\n"))),
        ),
        fc.constantFrom("p.json", "p.ndjson"),
        async (input, file) => {
          try {
            await loadData({ bytes: input, file });
          } catch (error) {
            if (!(error instanceof DataError)) throw error;
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

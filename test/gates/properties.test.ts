import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { NULL_TOKENS } from "../../lib/data/csv/strings.ts";
import { parseCsv } from "../../lib/gates/csv.ts";
import { parseMetrics } from "../../lib/gates/metrics.ts";

const RUNS = { numRuns: 300, seed: 5 };

/** Quote a cell the way spreadsheet tools do: only when it needs it. */
function quote(cell: string): string {
  return /[",\r\n]/.test(cell) || cell === "" ? `"${cell.replace(/"/g, '""')}"` : cell;
}

describe("parser properties", () => {
  test("parseMetrics never throws, and answers ok or one-line errors", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const parsed = parseMetrics({ source: "m.json", text });
        if (!parsed.ok) for (const e of parsed.errors) expect(e).not.toContain("\n");
      }),
      RUNS,
    );
  });

  test("parseMetrics reads back any flat object of finite numbers", () => {
    const values = fc.dictionary(
      fc.string({ minLength: 1 }).filter((k) => k !== "metrics" && k !== "__proto__"),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => (Object.is(v, -0) ? 0 : v)),
      { minKeys: 1 },
    );
    fc.assert(
      fc.property(values, (object) => {
        expect(parseMetrics({ source: "m.json", text: JSON.stringify(object) })).toEqual({
          ok: true,
          value: { source: "m.json", values: object },
        });
      }),
      RUNS,
    );
  });

  test("parseCsv never throws", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        parseCsv({ source: "p.csv", text });
      }),
      RUNS,
    );
  });

  test("parseCsv reads back any quoted table", () => {
    const width = fc.integer({ min: 1, max: 4 });
    const table = width.chain((w) =>
      fc.tuple(
        // Column names are unique (the loader refuses a repeated one, saying so).
        fc.uniqueArray(
          fc.string({ minLength: 1 }).map((s) => s.trim() || "h"),
          { minLength: w, maxLength: w },
        ),
        fc.array(fc.array(fc.string(), { minLength: w, maxLength: w }), { maxLength: 6 }),
      ),
    );
    fc.assert(
      fc.property(table, fc.constantFrom("\n", "\r\n"), ([header, rows], eol) => {
        const text = [header, ...rows].map((r) => r.map(quote).join(",")).join(eol) + eol;
        const parsed = parseCsv({ source: "p.csv", text });
        expect(parsed.ok).toBe(true);
        if (parsed.ok) {
          expect(parsed.value.header).toEqual(header.map((h) => h.trim()));
          // Missing-value spellings (NA, null, ...) read as empty cells, as everywhere in lib/data.
          expect(parsed.value.rows).toEqual(
            rows.map((r) => r.map((cell) => (NULL_TOKENS.has(cell) ? "" : cell))),
          );
        }
      }),
      RUNS,
    );
  });
});

import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { FILE_KIND_NAMES, loadDocument } from "../../lib/config/load.ts";

// YAML-ish text: keys, indentation, flow and block collections, anchors, quotes and tabs.
const token = fc.constantFrom(
  "environment",
  "rollout",
  "strategy",
  "canary",
  "steps",
  "weight",
  "model",
  "_extends",
  ":",
  ": ",
  "- ",
  "  ",
  "    ",
  "\t",
  "\n",
  "{",
  "}",
  "[",
  "]",
  ",",
  "&a ",
  "*a",
  "!!str ",
  '"',
  "'",
  "#",
  "---",
  "100",
  "-1",
  "null",
  "true",
  "1h30m",
  "production",
  "<<: ",
  "? ",
  "|",
  ">",
);
const yamlish = fc.array(token, { maxLength: 40 }).map((parts) => parts.join(""));

describe("loadDocument never throws", () => {
  test("on arbitrary strings, for every kind", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 200 }),
        fc.constantFrom(...FILE_KIND_NAMES),
        (text, kind) => {
          const result = loadDocument({ file: "policies/production.yml", text, kind });
          return result.valid === (result.errors.length === 0);
        },
      ),
      { numRuns: 300 },
    );
  });

  test("on YAML-ish text, and every error has a real position", () => {
    fc.assert(
      fc.property(yamlish, fc.constantFrom(...FILE_KIND_NAMES), (text, kind) => {
        const result = loadDocument({ file: "policies/production.yml", text, kind });
        const lines = text.split("\n").length;
        for (const d of result.errors) {
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.line).toBeLessThanOrEqual(lines);
          expect(d.column).toBeGreaterThanOrEqual(1);
          expect(d.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  test("on alias bombs", () => {
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x]",
      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]",
      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
      "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]",
      "",
    ].join("\n");
    const result = loadDocument({ file: "x.yml", text: bomb, kind: "gates" });
    expect(result.valid).toBe(false);
    expect(result.errors[0]?.message).toContain("use fewer aliases");
  });
});

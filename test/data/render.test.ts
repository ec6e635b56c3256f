import { describe, expect, test } from "bun:test";
import { checkData } from "../../lib/data/check-data.ts";
import type { DriftEngine } from "../../lib/data/drift-run.ts";
import { loadCsv } from "../../lib/data/load-csv.ts";
import type { DataPolicy } from "../../lib/data/policy.ts";
import { renderAnnotations } from "../../lib/data/render/annotations.ts";
import { renderMarkdown } from "../../lib/data/render/markdown.ts";
import { renderText } from "../../lib/data/render/text.ts";
import { bytes } from "./helpers.ts";

const current = loadCsv({
  bytes: bytes("id,x,plan\r\n1,1,a\r\n2,2,a\r\n3,9,b\r\n4,10,c\r\n"),
  file: "data/cur.csv",
});
const reference = loadCsv({
  bytes: bytes("id,x,plan\n1,1,a\n2,1,a\n3,2,a\n4,2,b\n"),
  file: "data/ref.csv",
});
const policy: DataPolicy = {
  columns: { id: { unique: true }, x: { max: 5 }, plan: { in: ["a", "b"] } },
  drift: { share: 0.5 },
};

/** A stand-in engine: numeric columns drift with score 0.5, categorical ones do not. */
const engine: DriftEngine = {
  driftColumn: ({ kind }) =>
    kind === "numeric"
      ? { method: "wasserstein", score: 0.5, threshold: 0.1, drifted: true }
      : { method: "jensenshannon", score: 0.05, threshold: 0.1, drifted: false },
};

const result = checkData({ table: current, policy, reference, drift: engine, stats: true });

describe("renderers read one result", () => {
  test("drift: unique columns are left out, share against the threshold", () => {
    expect(result.drift).toEqual({
      drifted: true,
      share: 0.5,
      threshold: 0.5,
      columns: [
        {
          column: "x",
          kind: "numeric",
          method: "wasserstein",
          score: 0.5,
          threshold: 0.1,
          drifted: true,
          histogram: {
            bins: ["1", "1.9", "2.8", "3.7", "4.6", "5.5", "6.4", "7.3", "8.2", "9.1"],
            reference: [0.5, 0.5, 0, 0, 0, 0, 0, 0, 0, 0],
            current: [0.25, 0.25, 0, 0, 0, 0, 0, 0, 0.25, 0.25],
          },
        },
        {
          column: "plan",
          kind: "categorical",
          method: "jensenshannon",
          score: 0.05,
          threshold: 0.1,
          drifted: false,
        },
      ],
    });
    expect(result.passed).toBe(false);
  });

  test("text: failed checks first, one line each", () => {
    expect(renderText(result)).toBe(
      [
        "FAIL x.max: x has 2 values above 5 (largest 10) (lines 4, 5)",
        'FAIL plan.in: plan has 1 value outside ["a", "b"] ("c") (line 5)',
        "ok   id.unique: id has no repeated values",
        "FAIL drift: 1 of 2 columns drifted (share 0.5, dataset threshold 0.5)",
        "     x: wasserstein 0.5 (threshold 0.1) drifted",
        "     plan: jensenshannon 0.05 (threshold 0.1) stable",
        "data/cur.csv: failed, 2 of 3 checks failed, drift detected (4 rows, 3 columns)",
        "",
      ].join("\n"),
    );
  });

  test("markdown: failed first, drift table, Mermaid chart, statistics", () => {
    expect(renderMarkdown(result)).toMatchInlineSnapshot(`
      "### ❌ Data checks failed: 2 of 3 checks, drift detected

      \`data/cur.csv\`: 4 rows, 3 columns

      | | check | observed | expected | rows | message |
      |---|---|---|---|---|---|
      | ❌ | \`x.max\` | 10 | <= 5 | 4, 5 | x has 2 values above 5 (largest 10) |
      | ❌ | \`plan.in\` | ["c"] | in ["a", "b"] | 5 | plan has 1 value outside ["a", "b"] ("c") |

      <details><summary>1 check passed</summary>

      | | check | observed | expected | rows | message |
      |---|---|---|---|---|---|
      | ✅ | \`id.unique\` | 0 | no repeated values |  | id has no repeated values |

      </details>

      #### ❌ Drift: 1 of 2 columns (share 0.5, dataset threshold 0.5)

      | column | method | score | threshold | drifted |
      |---|---|---|---|---|
      | \`x\` | wasserstein | 0.5 | 0.1 | ❌ yes |
      | \`plan\` | jensenshannon | 0.05 | 0.1 | no |

      #### Distribution of \`x\`: current (bars) vs reference (line)

      \`\`\`mermaid
      xychart-beta
        title "x"
        x-axis ["1", "1.9", "2.8", "3.7", "4.6", "5.5", "6.4", "7.3", "8.2", "9.1"]
        y-axis "share of rows" 0 --> 0.5
        bar [0.25, 0.25, 0, 0, 0, 0, 0, 0, 0.25, 0.25]
        line [0.5, 0.5, 0, 0, 0, 0, 0, 0, 0, 0]
      \`\`\`

      #### Column statistics

      | column | type | nulls | min | max | mean | distinct |
      |---|---|---|---|---|---|---|
      | \`id\` | integer | 0 (0%) | 1 | 4 | 2.5 |  |
      | \`x\` | integer | 0 (0%) | 1 | 10 | 5.5 |  |
      | \`plan\` | string | 0 (0%) |  |  |  | 3 |
      "
    `);
  });

  test("annotations: one per failed check per listed row, GitHub's shape", () => {
    expect(renderAnnotations(result)).toEqual([
      {
        path: "data/cur.csv",
        start_line: 4,
        end_line: 4,
        annotation_level: "failure",
        title: "x.max: expected <= 5",
        message: "x has 2 values above 5 (largest 10)",
      },
      {
        path: "data/cur.csv",
        start_line: 5,
        end_line: 5,
        annotation_level: "failure",
        title: "x.max: expected <= 5",
        message: "x has 2 values above 5 (largest 10)",
      },
      {
        path: "data/cur.csv",
        start_line: 5,
        end_line: 5,
        annotation_level: "failure",
        title: 'plan.in: expected in ["a", "b"]',
        message: 'plan has 1 value outside ["a", "b"] ("c")',
      },
      {
        path: "data/cur.csv",
        start_line: 1,
        end_line: 1,
        annotation_level: "warning",
        title: "drift: x",
        message: "x drifted: wasserstein 0.5 (threshold 0.1)",
      },
    ]);
  });
});

describe("drift integration", () => {
  test("kinds: numbers numeric unless the policy says categorical; ignore; engine errors are kept per column", () => {
    const seen: string[] = [];
    const recording: DriftEngine = {
      driftColumn: ({ kind, method, threshold, current: cur }) => {
        seen.push(
          `${kind}:${method ?? "default"}:${threshold ?? "default"}:${Array.from(cur as ArrayLike<unknown>).join("|")}`,
        );
        if (kind === "categorical" && method === "ks") throw new Error("ks needs a numeric column");
        return { method: method ?? "z", score: 0.01, threshold: threshold ?? 0.05, drifted: true };
      },
    };
    const drift = checkData({
      table: current,
      reference,
      drift: recording,
      policy: {
        drift: {
          ignore: ["id"],
          columns: {
            x: { kind: "categorical", method: "ks" },
            plan: { method: "psi", threshold: 0.2 },
          },
        },
      },
    }).drift!;
    expect(seen).toEqual(["categorical:ks:default:1|2|9|10", "categorical:psi:0.2:a|a|b|c"]);
    expect(drift.columns.map((c) => [c.column, c.method, c.drifted, c.error])).toEqual([
      ["x", "ks", false, "ks needs a numeric column"],
      ["plan", "psi", true, undefined],
    ]);
    expect({ share: drift.share, drifted: drift.drifted }).toEqual({ share: 1, drifted: true });
  });
});

describe("markdown placed in a larger report", () => {
  test("the heading takes the given level and label; sub-headings go one deeper", () => {
    const md = renderMarkdown(result, { level: 4, label: "`train`", detail: "md5:0123" });
    expect(md.split("\n").filter((l) => l.startsWith("#"))).toEqual([
      "#### ❌ `train`: Data checks failed: 2 of 3 checks, drift detected",
      "##### ❌ Drift: 1 of 2 columns (share 0.5, dataset threshold 0.5)",
      "##### Distribution of `x`: current (bars) vs reference (line)",
      "##### Column statistics",
    ]);
    expect(md).toContain("`data/cur.csv` (md5:0123): 4 rows, 3 columns");
  });
});

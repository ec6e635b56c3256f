import { describe, expect, test } from "bun:test";
import { parseCsv } from "../../lib/gates/csv.ts";
import { evaluateGates } from "../../lib/gates/evaluate.ts";
import { renderChart } from "../../lib/gates/render-chart.ts";
import { renderMarkdown } from "../../lib/gates/render-markdown.ts";
import { renderJson, renderText } from "../../lib/gates/render-text.ts";
import type { CsvTable, Gates } from "../../lib/gates/types.ts";

const predictions = (() => {
  const parsed = parseCsv({
    source: "p.csv",
    text: "label,prediction,gender\n1,1,F\n1,1,F\n0,1,F\n0,0,F\n1,1,M\n1,0,M\n0,0,M\n0,0,M\n",
  });
  if (!parsed.ok) throw new Error("fixture");
  return parsed.value as CsvTable;
})();

const gates: Gates = {
  metrics: { accuracy: { min: 0.85 }, roc_auc: { min: 0.88 }, "latency|p95": { max: 120 } },
  regression: {
    against: "production",
    max_drop: { accuracy: 0.01, f1: 0.02 },
    max_increase: { log_loss: 0.05 },
  },
  fairness: {
    sensitive: ["gender"],
    metrics: { demographic_parity_difference: { max: 0.6 }, disparate_impact_ratio: { min: 0.8 } },
  },
};

const candidate = {
  source: "out/metrics.json",
  values: {
    accuracy: 0.8412,
    roc_auc: 0.9012,
    f1: 0.71,
    log_loss: 0.42,
    "latency|p95": 95,
    train_rows: 800,
  },
};
const baseline = { source: "b.json", values: { accuracy: 0.86, roc_auc: 0.905, log_loss: 0.4 } };

describe("renderMarkdown", () => {
  test("with a baseline and predictions: the PR comment's table, failures, fairness and chart", () => {
    const report = evaluateGates({ gates, metrics: candidate, baseline, predictions });
    expect(renderMarkdown(report)).toMatchInlineSnapshot(`
      "### ❌ Quality gates failed: 3 failed, 4 passed, 1 skipped

      | metric | candidate | production | delta | gate | verdict |
      | --- | ---: | ---: | ---: | --- | --- |
      | accuracy | 0.8412 | 0.8600 | -0.0188 | ≥ 0.8500; ≥ 0.8500 (vs production) | ❌ fail |
      | roc_auc | 0.9012 | 0.9050 | -0.0038 | ≥ 0.8800 | ✅ pass |
      | f1 | 0.7100 | — | — | vs production: skipped | ⏭️ skipped |
      | log_loss | 0.4200 | 0.4000 | +0.0200 | ≤ 0.4500 (vs production) | ✅ pass |
      | latency\\|p95 | 95 | — | — | ≤ 120 | ✅ pass |
      | train_rows | 800 | — | — |  |  |

      **Failed**

      - \`metrics.accuracy\`: accuracy 0.8412 below threshold 0.8500
      - \`regression.max_drop.accuracy\`: accuracy 0.8412 dropped 0.0188 from production's 0.8600; allowed drop is 0.0100
      - \`fairness.metrics.disparate_impact_ratio\`: disparate_impact_ratio 0.3333 below threshold 0.8000 (selection rate 0.7500 for gender=F vs 0.2500 for gender=M)

      **Skipped**

      - \`regression.max_drop.f1\`: f1 regression not checked: production's metrics (b.json) have no f1; it is checked once production reports it

      #### Fairness (gender; positive = 1)

      | metric | value | gate | verdict |
      | --- | ---: | --- | --- |
      | demographic_parity_difference | 0.5000 | ≤ 0.6000 | ✅ pass |
      | disparate_impact_ratio | 0.3333 | ≥ 0.8000 | ❌ fail |

      <details><summary>Rates by group (2 groups)</summary>

      | group | rows | selection rate | true positive rate | false positive rate |
      | --- | ---: | ---: | ---: | ---: |
      | gender=F | 4 | 0.7500 | 1 | 0.5000 |
      | gender=M | 4 | 0.2500 | 0.5000 | 0 |

      </details>

      \`\`\`mermaid
      xychart-beta
        title "Candidate (bars) vs production (line)"
        x-axis ["accuracy", "roc_auc", "log_loss"]
        y-axis "value" 0 --> 1
        bar [0.8412, 0.9012, 0.42]
        line [0.86, 0.905, 0.4]
      \`\`\`
      "
    `);
  });

  test("without a baseline: no baseline columns, regression skipped, bars only", () => {
    const report = evaluateGates({
      gates: {
        metrics: { accuracy: { min: 0.85 } },
        regression: { against: "production", max_drop: { accuracy: 0.01 } },
      },
      metrics: { source: "m.json", values: { accuracy: 0.91, latency_ms: 80 } },
    });
    expect(renderMarkdown(report)).toMatchInlineSnapshot(`
      "### ✅ Quality gates passed: 1 passed, 1 skipped

      | metric | candidate | gate | verdict |
      | --- | ---: | --- | --- |
      | accuracy | 0.9100 | ≥ 0.8500; vs production: skipped | ✅ pass |
      | latency_ms | 80 |  |  |

      **Skipped**

      - \`regression.max_drop.accuracy\`: accuracy regression not checked: no baseline metrics from production (nothing serves there yet); it is checked once production reports it

      \`\`\`mermaid
      xychart-beta
        title "Candidate metrics"
        x-axis ["accuracy"]
        y-axis "value" 0 --> 1
        bar [0.91]
      \`\`\`
      "
    `);
  });
});

describe("renderText and renderJson", () => {
  test("text: verdict line, then failures, skips, passes", () => {
    const report = evaluateGates({
      gates: {
        metrics: { accuracy: { min: 0.85 }, roc_auc: { min: 0.88 } },
        regression: { against: "production", max_drop: { accuracy: 0.01 } },
      },
      metrics: { source: "m.json", values: { accuracy: 0.8412, roc_auc: 0.9 } },
    });
    expect(renderText(report)).toMatchInlineSnapshot(`
      "quality gates failed: 1 failed, 1 passed, 1 skipped
        FAIL metrics.accuracy: accuracy 0.8412 below threshold 0.8500
        skip regression.max_drop.accuracy: accuracy regression not checked: no baseline metrics from production (nothing serves there yet); it is checked once production reports it
        pass metrics.roc_auc: roc_auc 0.9000 ≥ 0.8800
      "
    `);
  });

  test("json: the report as one document", () => {
    const report = evaluateGates({
      gates: { metrics: { accuracy: { min: 0.85 } } },
      metrics: { source: "m.json", values: { accuracy: 0.9 } },
    });
    expect(JSON.parse(renderJson(report))).toEqual(report);
  });
});

describe("renderChart", () => {
  test.each([
    ["nothing in [0, 1]: no chart", { rows: 800, latency: 95 }, undefined, ""],
    [
      "a baseline without the metric leaves it out",
      { accuracy: 0.9, f1: 0.8 },
      { accuracy: 0.85 },
      [
        "```mermaid",
        "xychart-beta",
        '  title "Candidate (bars) vs production (line)"',
        '  x-axis ["accuracy"]',
        '  y-axis "value" 0 --> 1',
        "  bar [0.9]",
        "  line [0.85]",
        "```",
      ].join("\n"),
    ],
  ])("%s", (_name, values, base, chart) => {
    const report = evaluateGates({
      gates: { regression: { against: "production" } },
      metrics: { source: "m.json", values },
      baseline: base ? { source: "b.json", values: base } : undefined,
    });
    expect(renderChart(report, Object.keys(values))).toBe(chart);
  });
});

describe("renderMarkdown keeps the check summary small", () => {
  test("past 50 groups the table is cut and says how many are left out", () => {
    const rows = Array.from(
      { length: 60 },
      (_, i) => `${i % 2},${i % 3 === 0 ? 1 : 0},g${String(i).padStart(2, "0")}`,
    );
    const parsed = parseCsv({ source: "p.csv", text: `label,prediction,g\n${rows.join("\n")}\n` });
    if (!parsed.ok) throw new Error("fixture");
    const report = evaluateGates({
      gates: {
        fairness: { sensitive: ["g"], metrics: { demographic_parity_difference: { max: 1 } } },
      },
      metrics: { source: "m.json", values: { accuracy: 0.9 } },
      predictions: parsed.value,
    });
    const lines = renderMarkdown(report).split("\n");
    expect(lines.filter((l) => l.startsWith("| g=")).length).toBe(50);
    expect(lines).toContain("<details><summary>Rates by group (60 groups)</summary>");
    expect(lines).toContain("… and 10 more groups (see `--format json`).");
  });
});

import { describe, expect, test } from "bun:test";
import { loadDocument } from "../../lib/config/load.ts";
import { formatDiagnostic } from "../../lib/diagnostics.ts";
import { loadGates } from "../../lib/gates/load-gates.ts";
import type { Gates } from "../../lib/gates/types.ts";

const KNOWN =
  "demographic_parity_difference, demographic_parity_ratio, disparate_impact_ratio, equalized_odds_difference, equalized_odds_ratio, equal_opportunity_difference, equal_opportunity_ratio";

function lines(text: string) {
  const result = loadGates({ file: "g.yml", text });
  return {
    valid: result.valid,
    errors: result.errors.map(formatDiagnostic),
    warnings: result.warnings.map(formatDiagnostic),
  };
}

describe("checkGates: semantic errors and warnings at file:line:column", () => {
  test.each([
    [
      "min above max",
      "metrics:\n  accuracy: { min: 0.9, max: 0.8 }\n",
      [
        "g.yml:2:20: metrics.accuracy.min: min 0.9 is above max 0.8: no value can pass; swap them or widen the range",
      ],
      [],
    ],
    [
      "fairness: duplicate and label columns, unknown metric, ratio bounds outside [0, 1]",
      [
        "fairness:",
        "  sensitive: [gender, gender, label]",
        "  metrics:",
        "    demografic_parity_difference: { max: 0.1 }",
        "    disparate_impact_ratio: { min: 1.2 }",
        "    equalized_odds_difference: { max: -0.1 }",
        "",
      ].join("\n"),
      [
        'g.yml:2:23: fairness.sensitive.1: "gender" is listed twice; list it once',
        'g.yml:2:31: fairness.sensitive.2: "label" is the label column, not a sensitive attribute; list attribute columns such as gender',
        `g.yml:4:35: fairness.metrics.demografic_parity_difference: unknown fairness metric "demografic_parity_difference"; did you mean "demographic_parity_difference"? (known: ${KNOWN})`,
        "g.yml:5:36: fairness.metrics.disparate_impact_ratio.min: disparate_impact_ratio lies between 0 and 1, so min 1.2 fails every model; use a value in [0, 1]",
        "g.yml:6:39: fairness.metrics.equalized_odds_difference.max: equalized_odds_difference lies between 0 and 1, so max -0.1 checks nothing; use a value in [0, 1]",
      ],
      [],
    ],
    [
      "fairness metrics without a sensitive column",
      "fairness:\n  sensitive: []\n  metrics:\n    demographic_parity_difference: { max: 0.1 }\n",
      [
        "g.yml:2:14: fairness.sensitive: fairness metrics need at least one sensitive attribute column; list them, e.g. [gender, age_band]",
      ],
      [],
    ],
    [
      "fairness without metrics warns",
      "fairness:\n  sensitive: [g]\n  metrics: {}\n",
      [],
      [
        "g.yml:3:12: fairness.metrics: no fairness metric is bounded, so nothing is checked; add e.g. demographic_parity_difference: { max: 0.1 }",
      ],
    ],
    [
      "regression: relative drop past 100%, both directions, direction mismatch with thresholds",
      [
        "metrics:",
        "  accuracy: { min: 0.8 }",
        "  latency: { max: 100 }",
        "regression:",
        "  against: production",
        "  max_drop: { f1: 0.01, latency: 5 }",
        "  max_drop_relative: { auc: 1.5 }",
        "  max_increase: { f1: 0.02, accuracy: 0.01 }",
        "",
      ].join("\n"),
      [
        "g.yml:7:29: regression.max_drop_relative.auc: 1.5 is a fraction of the baseline (0.02 = 2%), and a drop past 100% cannot happen; use a value in [0, 1]",
        "g.yml:8:23: regression.max_increase.f1: f1 has both a max_drop (higher is better) and a max_increase (lower is better); keep the one that matches the metric",
      ],
      [
        "g.yml:6:34: regression.max_drop.latency: latency has a max threshold (lower is better) but a max_drop (higher is better); use max_increase if lower is better",
        "g.yml:8:39: regression.max_increase.accuracy: accuracy has a min threshold (higher is better) but a max_increase (lower is better); use max_drop if higher is better",
      ],
    ],
    [
      "regression without an allowance warns",
      "regression:\n  against: production\n",
      [],
      [
        "g.yml:2:3: regression: no allowance is set, so nothing is compared with production; add e.g. max_drop: { accuracy: 0.01 }",
      ],
    ],
    [
      "no gate at all warns",
      "metrics: {}\n",
      [],
      [
        "g.yml:1:1: no gate is set, so every model passes; add metrics thresholds, regression or fairness",
      ],
    ],
  ])("%s", (_name, text, errors, warnings) => {
    expect(lines(text)).toEqual({ valid: errors.length === 0, errors, warnings });
  });
});

describe("loadGates: where the gates are", () => {
  test.each([
    [
      "a gates: block (wrapped gates file, mlops.yml, policy): paths and positions in the whole file",
      "gates:\n  metrics:\n    accuracy: { min: 0.9, max: 0.8 }\n",
      [
        "g.yml:3:22: gates.metrics.accuracy.min: min 0.9 is above max 0.8: no value can pass; swap them or widen the range",
      ],
    ],
    [
      "only the gates of an mlops.yml are checked here",
      "model: churn\ntraining: { runner: nonsense }\ngates:\n  metrics:\n    accuracy: { minimum: 0.9 }\n",
      [
        'g.yml:5:17: gates.metrics.accuracy.minimum: unknown key "minimum"; remove it or use one of: min, max',
      ],
    ],
    [
      "a file without gates",
      "model: churn\n",
      [
        "g.yml:1:1: no gates found; add a `gates:` block with metrics, regression or fairness (or write them at the top level of a gates file)",
      ],
    ],
    [
      "schema errors",
      "metrics:\n  accuracy: { min: high }\nregresion: {}\n",
      [
        'g.yml:2:20: metrics.accuracy.min: expected a number, got the string "high"; write a number',
        'g.yml:3:1: regresion: unknown key "regresion"; did you mean "regression"?',
      ],
    ],
  ])("%s", (_name, text, errors) => {
    expect(lines(text).errors).toEqual(errors);
  });

  test("a valid policy's gates come back as the value", () => {
    const text =
      "environment: production\ngates:\n  metrics:\n    accuracy: { min: 0.85 }\n  regression:\n    against: production\n    max_drop: { accuracy: 0.01 }\n";
    expect(loadGates({ file: "policies/production.yml", text })).toEqual({
      valid: true,
      errors: [],
      warnings: [],
      value: {
        metrics: { accuracy: { min: 0.85 } },
        regression: { against: "production", max_drop: { accuracy: 0.01 } },
      },
    });
  });

  test("the config loader runs checkGates for kind gates", () => {
    const result = loadDocument<Gates>({
      file: "g.yml",
      text: "metrics:\n  accuracy: { min: 0.9, max: 0.8 }\n",
      kind: "gates",
    });
    expect(result.errors.map(formatDiagnostic)).toEqual([
      "g.yml:2:20: metrics.accuracy.min: min 0.9 is above max 0.8: no value can pass; swap them or widen the range",
    ]);
  });
});

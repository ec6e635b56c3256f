import { describe, expect, test } from "bun:test";
import { parseMetrics } from "../../lib/gates/metrics.ts";

describe("parseMetrics: the shapes training scripts write", () => {
  test.each([
    ["flat", '{"accuracy": 0.91, "roc_auc": 0.93}', { accuracy: 0.91, roc_auc: 0.93 }],
    [
      "nested under metrics, other keys ignored",
      '{"run_id": "abc", "metrics": {"accuracy": 0.91, "train_rows": 800}}',
      { accuracy: 0.91, train_rows: 800 },
    ],
    [
      "MLflow-style list",
      '[{"key": "accuracy", "value": 0.91}, {"key": "roc_auc", "value": 0.93, "step": 0}]',
      { accuracy: 0.91, roc_auc: 0.93 },
    ],
    [
      "MLflow-style: the highest step wins, then the latest timestamp",
      `{"metrics": [
        {"key": "loss", "value": 0.9, "step": 0, "timestamp": 5},
        {"key": "loss", "value": 0.4, "step": 2, "timestamp": 1},
        {"key": "loss", "value": 0.6, "step": 1, "timestamp": 9},
        {"key": "acc", "value": 0.7, "step": 3, "timestamp": 1},
        {"key": "acc", "value": 0.8, "step": 3, "timestamp": 2}
      ]}`,
      { loss: 0.4, acc: 0.8 },
    ],
    ["a byte-order mark", '\uFEFF{"accuracy": 1}', { accuracy: 1 }],
    ["negative and exponent numbers", '{"delta": -0.5, "tiny": 1e-7}', { delta: -0.5, tiny: 1e-7 }],
  ])("%s", (_name, text, values) => {
    expect(parseMetrics({ source: "m.json", text })).toEqual({
      ok: true,
      value: { source: "m.json", values },
    });
  });
});

describe("parseMetrics: bad input names the key and the fix", () => {
  test.each([
    [
      "Python's bare NaN",
      '{"accuracy": 0.9, "roc_auc": NaN}',
      [
        'm.json: metric "roc_auc" is NaN, not a finite number; write it as a number or leave it out',
      ],
    ],
    [
      "bare -Infinity, and a string mentioning NaN left alone",
      '{"note_NaN": "NaN here", "loss": -Infinity}',
      [
        'm.json: metric "note_NaN" is "NaN here" (a string), not a finite number; write it as a number or leave it out',
        'm.json: metric "loss" is -Infinity, not a finite number; write it as a number or leave it out',
      ],
    ],
    [
      "a numeric string, null, a boolean, an object",
      '{"a": "0.91", "b": null, "c": true, "d": {"x": 1}}',
      [
        'm.json: metric "a" is "0.91" (a string), not a finite number; write it as a number or leave it out',
        'm.json: metric "b" is null, not a finite number; write it as a number or leave it out',
        'm.json: metric "c" is true (a boolean), not a finite number; write it as a number or leave it out',
        'm.json: metric "d" is an object, not a finite number; write it as a number or leave it out',
      ],
    ],
    [
      "an MLflow entry without a value",
      '[{"key": "accuracy"}]',
      [
        'm.json: entry 0 is not {"key": ..., "value": ...}; write MLflow-style entries or a flat {"name": number} object',
      ],
    ],
    ["no metrics", "{}", ['m.json: has no metrics; write a JSON object like {"accuracy": 0.91}']],
    [
      "a bare number",
      "0.91",
      ['m.json: holds 0.91 (a number), not metrics; write a JSON object like {"accuracy": 0.91}'],
    ],
  ])("%s", (_name, text, errors) => {
    expect(parseMetrics({ source: "m.json", text })).toEqual({ ok: false, errors });
  });

  test("invalid JSON says so in one line", () => {
    const parsed = parseMetrics({ source: "m.json", text: '{"accuracy": 0.9,' });
    expect(parsed.ok).toBe(false);
    const errors = parsed.ok ? [] : parsed.errors;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toStartWith("m.json: not valid JSON (");
    expect(errors[0]).toEndWith("); write the metrics as a JSON object");
    expect(errors[0]).not.toContain("\n");
  });
});

import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { kindFromPath, loadDocument } from "../../lib/config/load.ts";

const root = new URL("../../", import.meta.url);
const defaults = [
  "policies/staging.yml",
  "policies/production.yml",
  "environments/staging.yaml",
  "environments/production.yaml",
  "examples/churn/.github/mlops.yml",
];

describe("the defaults users start from validate without errors or warnings", () => {
  test.each(defaults)("%s", (file) => {
    const text = readFileSync(new URL(file, root), "utf8");
    const kind = kindFromPath(file);
    expect(kind).toBeDefined();
    const result = loadDocument({ file, text, kind: kind! });
    expect({ errors: result.errors, warnings: result.warnings }).toEqual({
      errors: [],
      warnings: [],
    });
    expect(result.valid).toBe(true);
  });

  test.each(defaults)("%s points editors at its schema", (file) => {
    const text = readFileSync(new URL(file, root), "utf8");
    const match = /^# yaml-language-server: \$schema=(\S+)$/m.exec(text);
    expect(match).not.toBeNull();
    // The relative path must reach the schema from the file's directory.
    const schema = new URL(match![1]!, new URL(file, root));
    expect(() => readFileSync(schema)).not.toThrow();
  });

  test("the example's inline data checks express the seed's validate.py", () => {
    const file = "examples/churn/.github/mlops.yml";
    const result = loadDocument<{ datasets: Record<string, { path: string; checks: unknown }> }>({
      file,
      text: readFileSync(new URL(file, root), "utf8"),
      kind: "mlops",
    });
    expect(result.value?.datasets.train?.path).toBe("data/train.csv");
    expect(result.value?.datasets.train?.checks).toEqual({
      columns: {
        customer_id: { type: "integer", required: true, unique: true },
        tenure_months: { type: "integer", required: true, nullable: false, min: 0, max: 120 },
        monthly_charges: { type: "number", required: true, nullable: false, min: 0 },
        total_charges: { type: "number", required: true },
        num_products: { type: "integer", required: true },
        has_support_calls: { type: "integer", required: true, in: [0, 1] },
        churn: { type: "integer", required: true, nullable: false, in: [0, 1] },
      },
      rows: { min: 1000 },
      label: { column: "churn", positive: 1, rate: { min: 0.05, max: 0.6 } },
    });
  });
});

describe("kindFromPath", () => {
  test.each([
    [".github/mlops.yml", "mlops"],
    ["examples/churn/.github/mlops.yaml", "mlops"],
    ["policies/production.yml", "policy"],
    ["/repo/policies/staging.yaml", "policy"],
    ["environments/production.yaml", "environment"],
    ["registry/churn.yaml", "registry"],
    ["policies/schemas/policy.schema.json", undefined],
    [".github/workflows/train.yml", undefined],
    ["mlops.yml", undefined],
  ])("%s → %s", (path, kind) => {
    expect(kindFromPath(path)).toBe(kind as never);
  });
});

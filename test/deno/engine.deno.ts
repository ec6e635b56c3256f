// Deno suite for the data and gates engines: lib/ runs on Deno's web standards alone.
import assert from "node:assert/strict";
import { checkData } from "../../lib/data/check-data.ts";
import { driftColumn } from "../../lib/data/drift/index.ts";
import { loadData } from "../../lib/data/load.ts";
import { evaluateGates } from "../../lib/gates/evaluate.ts";
import { parseMetrics } from "../../lib/gates/metrics.ts";

const csv = "id,tenure,churn\n1,12,0\n2,130,1\n3,,0\n";

Deno.test("a CSV is checked, failing rows named by their file line", async () => {
  const table = await loadData({ bytes: new TextEncoder().encode(csv), file: "d.csv" });
  const result = checkData({
    table,
    policy: { columns: { tenure: { type: "integer", nullable: false, max: 120 } } },
  });
  assert.equal(result.passed, false);
  const failed = result.checks.filter((c) => !c.passed).map((c) => [c.id, c.rows]);
  assert.deepEqual(failed, [
    ["tenure.nullable", [4]],
    ["tenure.max", [3]],
  ]);
});

Deno.test("gzip input goes through DecompressionStream", async () => {
  const gz = new Uint8Array(
    await new Response(
      new Blob([csv]).stream().pipeThrough(new CompressionStream("gzip")),
    ).arrayBuffer(),
  );
  const table = await loadData({ bytes: gz, file: "d.csv.gz" });
  assert.equal(table.rows, 3);
});

Deno.test("drift picks Evidently's default method and flags a shifted column", () => {
  const reference = Float64Array.from({ length: 2000 }, (_, i) => i % 100);
  const current = Float64Array.from({ length: 2000 }, (_, i) => (i % 100) + 50);
  const result = driftColumn({ reference, current, kind: "numeric" });
  assert.equal(result.method, "wasserstein");
  assert.equal(result.drifted, true);
});

Deno.test("quality gates reproduce the seed's thresholds", () => {
  const metrics = parseMetrics({ source: "m.json", text: '{"accuracy": 0.84, "roc_auc": 0.9}' });
  assert.ok(metrics.ok);
  const report = evaluateGates({
    gates: { metrics: { accuracy: { min: 0.85 }, roc_auc: { min: 0.88 } } },
    metrics: metrics.value,
  });
  assert.equal(report.passed, false);
  assert.deepEqual(
    report.results.map((r) => [r.id, r.status]),
    [
      ["metrics.accuracy", "failed"],
      ["metrics.roc_auc", "passed"],
    ],
  );
});

// Deno suite for the config engine: lib/config runs on Deno and validates the default files.
import assert from "node:assert/strict";
import { kindFromPath, loadDocument, loadMlopsConfig } from "../../lib/config/load.ts";
import { formatDiagnostic } from "../../lib/diagnostics.ts";

const root = new URL("../../", import.meta.url);
const defaults = [
  "policies/staging.yml",
  "policies/production.yml",
  "environments/staging.yaml",
  "environments/production.yaml",
  "examples/churn/.github/mlops.yml",
];

for (const file of defaults) {
  Deno.test(`${file} validates`, async () => {
    const text = await Deno.readTextFile(new URL(file, root));
    const kind = kindFromPath(file);
    assert.ok(kind, `no kind for ${file}`);
    const result = loadDocument({ file, text, kind });
    assert.deepEqual(result.errors.map(formatDiagnostic), []);
    assert.equal(result.valid, true);
  });
}

Deno.test("an invalid policy reports positioned errors", () => {
  const result = loadDocument({
    file: "policies/production.yml",
    text: "environment: production\nrollout:\n  stratgy: direct\n",
    kind: "policy",
  });
  assert.deepEqual(result.errors.map(formatDiagnostic), [
    'policies/production.yml:3:3: rollout: missing required key "strategy"; add it',
    'policies/production.yml:3:3: rollout.stratgy: unknown key "stratgy"; did you mean "strategy"?',
  ]);
});

Deno.test("_extends resolves through the passed-in resolver", async () => {
  const result = await loadMlopsConfig({
    file: ".github/mlops.yml",
    text: "_extends: acme/defaults\nmodel: churn\n",
    resolveExtends: async (ref) =>
      ref.repo === "defaults"
        ? { file: "acme/defaults", text: "environments_repo: acme/envs\n" }
        : null,
  });
  assert.deepEqual(result.errors, []);
  assert.deepEqual(result.value, { model: "churn", environments_repo: "acme/envs" });
});

// Node smoke run of the CLI, as a user on Node 20 runs it (`npx mlops` → bin/mlops.js through tsx).
// Prints "N passed, N failed" and exits non-zero on any failure.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), "mlops-node-smoke-"));
const file = (name, text) => {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
};

const policyWithTypo = file(
  "production.yml",
  "environment: production\nrollout:\n  stratgy: direct\n  strategy: direct\n",
);
const data = file("d.csv", "id,tenure,churn\n1,12,0\n2,130,1\n");
const dataPolicy = file("checks.yml", "columns:\n  tenure: { type: integer, max: 120 }\n");
const metrics = file("metrics.json", '{"accuracy": 0.91, "roc_auc": 0.87}');

const cases = [
  { name: "help exits 0", args: ["help"], code: 0, stdout: /usage: mlops <command>/ },
  { name: "unknown command exits 2", args: ["frobnicate"], code: 2, stderr: /unknown command/ },
  {
    name: "the default files validate",
    args: [
      "validate",
      "policies/staging.yml",
      "policies/production.yml",
      "environments/staging.yaml",
      "environments/production.yaml",
      "examples/churn/.github/mlops.yml",
    ],
    code: 0,
    stderr: /5 files valid/,
  },
  {
    name: "a typo is reported at its line and column",
    args: ["validate", "--kind", "policy", policyWithTypo],
    code: 1,
    stdout:
      /production\.yml:3:3: rollout\.stratgy: unknown key "stratgy"; did you mean "strategy"\?/,
  },
  {
    name: "an unreadable file exits 2 with one line",
    args: ["validate", join(tmp, "missing.yml")],
    code: 2,
    stderr: /missing\.yml/,
  },
  {
    name: "check-data names the failing line",
    args: ["check-data", data, "--policy", dataPolicy, "--format", "json"],
    code: 1,
    stdout: /"id":"tenure\.max".*"rows":\[3\]/,
  },
  {
    name: "gate fails a metric below its threshold",
    args: ["gate", "--metrics", metrics, "--policy", "examples/churn/.github/mlops.yml"],
    code: 1,
    stdout: /roc_auc 0\.8700 below/,
  },
  {
    name: "the demo plays every stage as expected",
    args: ["demo", "--out", join(tmp, "demo-out")],
    code: 0,
    stdout: /PR #3: a fork[\s\S]*→ as expected[\s\S]*transcript written to/,
    stdoutNot: /UNEXPECTED/,
  },
];

let passed = 0;
let failed = 0;
for (const c of cases) {
  const r = spawnSync(process.execPath, ["bin/mlops.js", ...c.args], {
    cwd: root,
    encoding: "utf8",
  });
  const problems = [];
  if (r.status !== c.code) problems.push(`exit ${r.status}, expected ${c.code}`);
  if (c.stdout && !c.stdout.test(r.stdout))
    problems.push(`stdout did not match ${c.stdout}: ${r.stdout}`);
  if (c.stdoutNot?.test(r.stdout)) problems.push(`stdout matched ${c.stdoutNot}: ${r.stdout}`);
  if (c.stderr && !c.stderr.test(r.stderr))
    problems.push(`stderr did not match ${c.stderr}: ${r.stderr}`);
  if (/\n\s+at /.test(r.stderr)) problems.push(`stderr has a stack trace: ${r.stderr}`);
  if (problems.length === 0) passed++;
  else {
    failed++;
    console.error(`FAIL ${c.name}\n  ${problems.join("\n  ")}`);
  }
}
rmSync(tmp, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

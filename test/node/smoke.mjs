// Node smoke run of the CLI: `npx mlops` as a user on Node 20 runs it. Prints "N passed, N failed".
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const cases = [
  { name: "help exits 0", args: ["help"], code: 0, stdout: /usage: mlops <command>/ },
  { name: "unknown command exits 2", args: ["frobnicate"], code: 2, stderr: /unknown command/ },
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
  if (c.stderr && !c.stderr.test(r.stderr))
    problems.push(`stderr did not match ${c.stderr}: ${r.stderr}`);
  if (problems.length === 0) passed++;
  else {
    failed++;
    console.error(`FAIL ${c.name}\n  ${problems.join("\n  ")}`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

/**
 * `npm run bench:data`: our `mlops check-data` against a pandas/scipy baseline (bench/baseline.py).
 *
 *   bun bench/data.ts [--rows 1000000] [--big-rows 5000000] [--reps 5] [--no-big] [--fresh]
 *
 * 1. generate the churn CSVs (examples/churn/generate-data.ts): current, drifted reference, big
 * 2. (a) the seed's validate.py checks: ours (bench/validate-policy.yml) and the baseline
 * 3. (b) the same plus per-column drift against the reference
 * 4. print seconds (median of reps), ours/baseline, peak RSS, and ours' big/1M time ratio;
 *    write everything to bench/out/results.json
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { repeat, repeatPair } from "./measure.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, "bench", "out");
const PYTHON = "/usr/bin/python3";
const BUN = process.execPath;
const POLICY = "bench/validate-policy.yml";

type Timing = { seconds: number; peakMb: number | null; times: number[] };

function options() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      rows: { type: "string", default: "1000000" },
      "big-rows": { type: "string", default: "5000000" },
      reps: { type: "string", default: "5" },
      "no-big": { type: "boolean", default: false },
      fresh: { type: "boolean", default: false },
    },
  });
  const int = (name: string, v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1)
      throw new Error(`--${name} takes a positive integer, got "${v}"`);
    return n;
  };
  return {
    rows: int("rows", values.rows),
    bigRows: int("big-rows", values["big-rows"]),
    reps: int("reps", values.reps),
    big: !values["no-big"],
    fresh: values.fresh,
  };
}

/** Writes bench/out/churn-<rows>-s<seed>[-d<drift>].csv once (reused unless --fresh). */
function dataset(rows: number, seed: number, drift: number, fresh: boolean): string {
  const name = `bench/out/churn-${rows}-s${seed}${drift ? `-d${drift}` : ""}.csv`;
  if (!fresh && existsSync(join(ROOT, name))) return name;
  const args = ["examples/churn/generate-data.ts", "--rows", `${rows}`, "--seed", `${seed}`];
  if (drift) args.push("--drift", `${drift}`);
  const t = performance.now();
  const child = spawnSync(BUN, [...args, "--out", name], { cwd: ROOT, encoding: "utf8" });
  if (child.status !== 0) throw new Error(`generating ${name} failed: ${child.stderr.trim()}`);
  console.log(`  generated ${name} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return name;
}

/** Why the pandas/scipy baseline cannot run here, or null when it can. */
function baselineMissing(): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  const probe = spawnSync(PYTHON, ["-c", "import pandas, scipy, numpy"], { encoding: "utf8" });
  return probe.status === 0
    ? null
    : "pandas/scipy missing (apt-get install python3-pandas python3-scipy)";
}

function oursArgs(data: string, reference?: string): string[] {
  const args = ["bin/mlops.ts", "check-data", data, "--policy", POLICY, "--format", "json"];
  if (reference) args.push("--reference", reference);
  return args;
}

function baselineArgs(data: string, reference?: string): string[] {
  const args = ["bench/baseline.py", data];
  if (reference) args.push("--reference", reference);
  return args;
}

type Drift = null | {
  drifted: boolean;
  share: number;
  columns: { column: string; method: string; drifted: boolean }[];
};

/** Our verdict from the last run's JSON (exit 0 or 1 are verdicts; anything else is a failure). */
function oursVerdict(r: ReturnType<typeof repeat>): Timing & { verdict: unknown } {
  if (r.last.status !== 0 && r.last.status !== 1) {
    throw new Error(`mlops check-data exited ${r.last.status}: ${r.last.stderr.trim()}`);
  }
  const doc = JSON.parse(r.last.stdout) as { passed: boolean; drift: Drift };
  return { ...r, verdict: { passed: doc.passed, drift: summarize(doc.drift) } };
}

/** The baseline's verdict from its last run's JSON. */
function baselineVerdict(r: ReturnType<typeof repeat>): Timing & { verdict: unknown } {
  if (r.last.status !== 0 && r.last.status !== 1) {
    throw new Error(`baseline.py exited ${r.last.status}: ${r.last.stderr.trim()}`);
  }
  const doc = JSON.parse(r.last.stdout) as { errors: string[]; drift: Drift };
  return { ...r, verdict: { passed: doc.errors.length === 0, drift: summarize(doc.drift) } };
}

function ours(reps: number, data: string, reference?: string): Timing & { verdict: unknown } {
  return oursVerdict(repeat(reps, BUN, oursArgs(data, reference), ROOT));
}

/** Ours and the baseline on the same data, taking turns. */
function both(reps: number, data: string, reference?: string) {
  const [a, b] = repeatPair(
    reps,
    { command: BUN, args: oursArgs(data, reference) },
    { command: PYTHON, args: baselineArgs(data, reference) },
    ROOT,
  );
  return [oursVerdict(a), baselineVerdict(b)] as const;
}

function summarize(
  drift: null | {
    drifted: boolean;
    share: number;
    columns: { column: string; method: string; drifted: boolean }[];
  },
) {
  if (!drift) return null;
  return {
    drifted: drift.drifted,
    share: Math.round(drift.share * 1e6) / 1e6,
    columns: drift.columns.map((c) => `${c.column}:${c.method}:${c.drifted ? "drifted" : "ok"}`),
  };
}

const fmt = (x: number | null, digits = 2) => (x === null ? "n/a" : x.toFixed(digits));

function main(): number {
  const opt = options();
  mkdirSync(OUT, { recursive: true });
  console.log(`1. data (${opt.rows.toLocaleString("en")} rows; reference drifted)`);
  const current = dataset(opt.rows, 1, 0, opt.fresh);
  const reference = dataset(opt.rows, 2, 0.3, opt.fresh);
  const big = opt.big ? dataset(opt.bigRows, 3, 0, opt.fresh) : null;
  const missing = baselineMissing();
  if (missing) console.log(`   baseline skipped: ${missing}`);

  const results: Record<string, unknown> = { rows: opt.rows, reps: opt.reps };
  const table: string[][] = [];
  const cases = [
    ["(a) validate.py checks", undefined],
    ["(b) checks + drift", reference],
  ] as const;
  for (const [i, [label, ref]] of cases.entries()) {
    console.log(`${i + 2}. ${label}: ${opt.reps} runs each`);
    const [a, b] = missing ? [ours(opt.reps, current, ref), null] : both(opt.reps, current, ref);
    const ratio = b ? a.seconds / b.seconds : null;
    const memOk = b && a.peakMb !== null && b.peakMb !== null ? a.peakMb <= b.peakMb : null;
    const agree = b ? JSON.stringify(a.verdict) === JSON.stringify(b.verdict) : null;
    table.push([
      label,
      fmt(a.seconds),
      fmt(b?.seconds ?? null),
      fmt(ratio),
      fmt(a.peakMb, 0),
      fmt(b?.peakMb ?? null, 0),
      agree === null ? "n/a" : agree ? "same" : "DIFFER",
    ]);
    results[label] = {
      ours: a,
      baseline: b,
      ratio,
      memoryWithinBaseline: memOk,
      verdictsAgree: agree,
    };
  }
  let bigRatio: number | null = null;
  if (big) {
    console.log(`4. (a) at ${opt.bigRows.toLocaleString("en")} rows: ours, ${opt.reps} runs`);
    const a = ours(opt.reps, big);
    const base = (results["(a) validate.py checks"] as { ours: Timing }).ours.seconds;
    bigRatio = a.seconds / base;
    results.big = { rows: opt.bigRows, ours: a, ratioTo1M: bigRatio };
  }

  const head = ["case", "ours s", "baseline s", "ours/base", "ours MB", "baseline MB", "verdicts"];
  const widths = head.map((h, c) => Math.max(h.length, ...table.map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((v, c) => v.padEnd(widths[c]!)).join("  ");
  console.log(`\n${line(head)}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
  for (const r of table) console.log(line(r));
  if (bigRatio !== null) {
    console.log(
      `\n${opt.bigRows}/${opt.rows} rows time ratio (ours, (a)): ${fmt(bigRatio)}  (goal ≤ 5.5)`,
    );
  }
  console.log("goals: ours/base ≤ 0.33 and ours MB ≤ baseline MB for (a) and (b)");
  writeFileSync(join(OUT, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
  console.log("details: bench/out/results.json");
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`bench:data: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}

/** Run a command, timing its wall clock and reading its peak RSS (GNU time's "Maximum resident set size"). */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export interface Run {
  seconds: number;
  /** Peak resident set size in MB, or null where /usr/bin/time is absent. */
  peakMb: number | null;
  status: number | null;
  stdout: string;
  stderr: string;
}

const GNU_TIME = "/usr/bin/time";

/** One run of `command args…`; stdout is kept (the JSON verdicts), stderr without time's report. */
export function measure(command: string, args: string[], cwd: string): Run {
  const withTime = existsSync(GNU_TIME);
  const [file, argv] = withTime ? [GNU_TIME, ["-v", command, ...args]] : [command, args];
  const start = performance.now();
  const child = spawnSync(file, argv, { cwd, encoding: "utf8", maxBuffer: 1 << 30 });
  const seconds = (performance.now() - start) / 1000;
  const stderr = child.stderr ?? "";
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  const reportAt = stderr.indexOf("\tCommand being timed:");
  return {
    seconds,
    peakMb: rss ? Number(rss[1]) / 1024 : null,
    status: child.status,
    stdout: child.stdout ?? "",
    stderr: reportAt >= 0 ? stderr.slice(0, reportAt) : stderr,
  };
}

/** The median of a non-empty list. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `reps` times; the median time and the largest peak RSS, plus the last run's output. */
export function repeat(
  reps: number,
  command: string,
  args: string[],
  cwd: string,
): { seconds: number; peakMb: number | null; last: Run; times: number[] } {
  const runs: Run[] = [];
  for (let i = 0; i < reps; i++) runs.push(measure(command, args, cwd));
  return summarizeRuns(runs);
}

/**
 * Run two commands `reps` times each, taking turns (a, b, a, b, ...), so a change in the machine's
 * load during the benchmark weighs on both sides alike.
 */
export function repeatPair(
  reps: number,
  a: { command: string; args: string[] },
  b: { command: string; args: string[] },
  cwd: string,
): [ReturnType<typeof summarizeRuns>, ReturnType<typeof summarizeRuns>] {
  const runsA: Run[] = [];
  const runsB: Run[] = [];
  for (let i = 0; i < reps; i++) {
    runsA.push(measure(a.command, a.args, cwd));
    runsB.push(measure(b.command, b.args, cwd));
  }
  return [summarizeRuns(runsA), summarizeRuns(runsB)];
}

function summarizeRuns(runs: Run[]): {
  seconds: number;
  peakMb: number | null;
  last: Run;
  times: number[];
} {
  const peaks = runs.map((r) => r.peakMb).filter((m): m is number => m !== null);
  return {
    seconds: median(runs.map((r) => r.seconds)),
    peakMb: peaks.length ? Math.max(...peaks) : null,
    last: runs[runs.length - 1]!,
    times: runs.map((r) => r.seconds),
  };
}

/**
 * Probot's octokit for a GitHub in the same process (the sim: tests and the playground). Retries and
 * rate-limit handling stay on; only the pacing meant for GitHub.com goes: plugin-throttling spaces
 * writes a second apart (notifications three), which would make every check run and comment slow
 * against a local stand-in, and retries wait 5 ms per step instead of a second.
 */
import { ProbotOctokit } from "probot";

// plugin-throttling asks a limiter group for `key(id).schedule(options, job, ...args)`.
const unpaced = {
  key: () => ({
    schedule: <A extends unknown[], T>(_o: unknown, job: (...a: A) => T, ...args: A) =>
      job(...args),
  }),
};

/** ProbotOctokit with octokit's retry and throttling, without GitHub.com's write pacing. */
// A function, not an object: Probot builds installation clients with their own `throttle`, which a
// shallow object default would lose.
export const LocalProbotOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { retryAfterBaseValue: 5, ...(options.retry as object | undefined) },
  throttle: { ...(options.throttle as object | undefined), write: unpaced, notifications: unpaced },
})) as typeof ProbotOctokit;

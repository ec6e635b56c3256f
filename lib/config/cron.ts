/** Cron expressions and time zones in config files (schedules, freeze windows); the rollout engine reuses these. */
import { Cron, CronPattern } from "croner";

/** Why a five-field cron expression does not parse, or undefined when it does. */
export function cronProblem(expression: string): string | undefined {
  try {
    new CronPattern(expression, undefined, { mode: "5-part" });
    return undefined;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return reason.replace(/^CronPattern: /, "").replace(/\.$/, "");
  }
}

/** Why a time zone is not a valid IANA name, or undefined when Intl knows it. */
export function timeZoneProblem(timeZone: string): string | undefined {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return undefined;
  } catch {
    return `unknown time zone "${timeZone}"; use an IANA name such as UTC or Europe/Berlin`;
  }
}

/** The first time strictly after `after` the expression fires, read in `timeZone` (default UTC). */
export function nextCronRun(params: {
  expression: string;
  timeZone?: string;
  after: Date;
}): Date | undefined {
  const cron = new Cron(params.expression, {
    mode: "5-part",
    timezone: params.timeZone ?? "UTC",
    paused: true,
  });
  return cron.nextRun(params.after) ?? undefined;
}

/** The last time at or before `at` the expression fired, read in `timeZone` (default UTC). */
export function previousCronRun(params: {
  expression: string;
  timeZone?: string;
  at: Date;
}): Date | undefined {
  const cron = new Cron(params.expression, {
    mode: "5-part",
    timezone: params.timeZone ?? "UTC",
    paused: true,
  });
  // previousRuns looks strictly before its reference; add a millisecond so `at` itself counts.
  const [run] = cron.previousRuns(1, new Date(params.at.getTime() + 1));
  return run ?? undefined;
}

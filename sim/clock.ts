/** The one clock the sim (and later the bot) reads: every timestamp comes from here, so tests and the demo control time. */

/** A source of the current time. */
export interface Clock {
  now(): Date;
}

/** A clock that moves only when told: rollout intervals are simulated, never slept. */
export interface ManualClock extends Clock {
  /** Move the clock forward by `ms` milliseconds. */
  advance(ms: number): void;
  /** Jump to `at`. */
  set(at: Date): void;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A manual clock starting at `start` (default 2026-01-01T00:00:00Z). */
export function manualClock(start = new Date("2026-01-01T00:00:00Z")): ManualClock {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance(ms) {
      t += ms;
    },
    set(at) {
      t = at.getTime();
    },
  };
}

/** GitHub's timestamp format: ISO 8601 without milliseconds. */
export function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

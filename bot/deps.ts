/** What the app is given (no globals): the clock, runners, a logger, and options. */
import type { Runner } from "../lib/runners/types.ts";
import type { KeyedLock } from "./lock.ts";

/** The log the handlers write to (Probot's pino logger fits). */
export interface BotLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** A gate result on the default branch, handed to the promotion step (a later issue). */
export interface GatesPassed {
  repository: string;
  sha: string;
  correlationId: string;
  metrics: Record<string, number>;
  runUrl?: string;
}

/** Interval timers: the global ones by default; tests pass fakes they fire by hand (nothing sleeps). */
export interface Timers {
  setInterval(fn: () => unknown, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** The global timers, as `Timers`. */
export const systemTimers: Timers = {
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

export interface BotDeps {
  /** Every time the bot reads (schedules, timestamps). */
  clock: { now(): Date };
  /** Runners the bot cannot build per installation: Argo (its server and token) and local. GitHub Actions is built over each installation's Forge. */
  runners?: { argo?: Runner; local?: Runner };
  /** Defaults to Probot's logger. */
  log?: BotLogger;
  /** The lock shared by every handler (one per process; tests may pass their own). */
  lock?: KeyedLock;
  /** Downloads DVC remotes and dataset URLs (default: the global fetch). */
  fetch?: (input: Request | URL | string, init?: RequestInit) => Promise<Response>;
  /** How often non-Actions runs (Argo, local) are polled until they finish (default 10 s). */
  pollIntervalMs?: number;
  /** How often the bot re-reads its installations: repositories to schedule, runs to watch (default 10 min). */
  resyncIntervalMs?: number;
  /** The timers the scheduler, the run watchers and the resync use (default: the global ones). */
  timers?: Timers;
  /** The seam for registering a candidate and opening a promotion PR (later issue); default: log that it is not built. */
  onGatesPassedOnDefaultBranch?: (p: GatesPassed) => Promise<void>;
}

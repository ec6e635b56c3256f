/** Continuous-training triggers: which repository_dispatch types retrain, and which schedule slots are due. */
import { nextCronRun } from "../config/cron.ts";
import type { Triggers } from "../config/types.gen.ts";
import type { RunReason } from "../runners/types.ts";

/** The event types that always mean drift / degradation, whatever the config names. */
export const DRIFT_EVENT = "mlops-drift";
export const DEGRADATION_EVENT = "mlops-degradation";

/** The training reason a repository_dispatch `eventType` asks for, or null when it is not a trigger. */
export function dispatchReason(
  eventType: string,
  triggers: Triggers | undefined,
): RunReason | null {
  if (eventType === DRIFT_EVENT || eventType === triggers?.drift?.repository_dispatch)
    return "drift";
  if (eventType === DEGRADATION_EVENT || eventType === triggers?.degradation?.repository_dispatch) {
    return "degradation";
  }
  return null;
}

/** One schedule firing: the cron and the slot time it fired for (the slot is the run's idempotency key). */
export interface DueSlot {
  cron: string;
  timezone: string;
  slot: Date;
}

/** Every slot of the configured schedules in (after, until], oldest first, at most `max` of them. */
export function dueSlots(params: {
  triggers: Triggers | undefined;
  after: Date;
  until: Date;
  max?: number;
}): DueSlot[] {
  const out: DueSlot[] = [];
  const max = params.max ?? 10;
  for (const s of params.triggers?.schedule ?? []) {
    const timezone = s.timezone ?? "UTC";
    let at = params.after;
    for (;;) {
      const next = nextCronRun({ expression: s.cron, timeZone: timezone, after: at });
      if (!next || next.getTime() > params.until.getTime() || out.length >= max) break;
      out.push({ cron: s.cron, timezone, slot: next });
      at = next;
    }
  }
  return out.sort((a, b) => a.slot.getTime() - b.slot.getTime()).slice(0, max);
}

/** The push trigger's branches (default: the default branch). */
export function pushBranches(triggers: Triggers | undefined, defaultBranch: string): string[] {
  return triggers?.push?.branches ?? [defaultBranch];
}

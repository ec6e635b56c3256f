/**
 * Rebuilding a run handle after a restart, from what GitHub keeps: the `mlops/gates` check run in
 * progress carries the correlation id as its external_id, and the config at the commit says which
 * runner trained it. The runner finds the run again by that id alone: Argo by the label selector
 * `mlops-bot/correlation-id=<id>`, the local runner by `<root>/<id>.result.json`.
 */
import type { RunHandle, Runner, TrainingConfig } from "./types.ts";

const CORRELATION_ID = /^[0-9a-f]{16}$/;

/** True when `text` is a correlation id (16 lowercase hex chars), as `correlationId()` makes them. */
export function isCorrelationId(text: string | null | undefined): text is string {
  return typeof text === "string" && CORRELATION_ID.test(text);
}

/** The handle of a run known only by its correlation id (`id: null`: the runner looks it up when polled). */
export function handleFromCorrelation(p: {
  kind: Runner["kind"];
  correlationId: string;
  repository: string;
  training: TrainingConfig;
}): RunHandle {
  return {
    kind: p.kind,
    correlationId: p.correlationId,
    repository: p.repository,
    training: p.training,
    id: null,
    created: false,
  };
}

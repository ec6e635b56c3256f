/** The checks other engines own (data policies, gates), run on the parts of our files that embed them. */
import { checkDataPolicy } from "../../data/policy-semantics.ts";
import { checkGates } from "../../gates/policy-semantics.ts";
import type { PathSegment, SemanticCheck, SemanticContext } from "../context.ts";
import { nestedContext } from "./common.ts";

/** Run the gates' semantic checks on `gates` found at `path`. */
export function checkGatesAt(params: {
  gates: unknown;
  ctx: SemanticContext;
  path: readonly PathSegment[];
}): void {
  (checkGates as SemanticCheck<unknown>)(params.gates, nestedContext(params.ctx, params.path));
}

/** Run the data policy's semantic checks on `policy` found at `path`. */
export function checkDataPolicyAt(params: {
  policy: unknown;
  ctx: SemanticContext;
  path: readonly PathSegment[];
}): void {
  (checkDataPolicy as SemanticCheck<unknown>)(
    params.policy,
    nestedContext(params.ctx, params.path),
  );
}

/** Where in a gates block each metric is named: `[path, metric]` pairs (thresholds and regression allowances). */
export function gateMetricNames(gates: unknown): [PathSegment[], string][] {
  const found: [PathSegment[], string][] = [];
  const record = (value: unknown): Record<string, unknown> | undefined =>
    value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  const g = record(gates);
  for (const name of Object.keys(record(g?.metrics) ?? {})) found.push([["metrics", name], name]);
  const regression = record(g?.regression);
  for (const [key, value] of Object.entries(regression ?? {})) {
    // Every mapping under regression (max_drop, max_increase, ...) is keyed by metric name.
    for (const name of Object.keys(record(value) ?? {}))
      found.push([["regression", key, name], name]);
  }
  return found;
}

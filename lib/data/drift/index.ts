// Per-column drift between a reference and a current sample, numbers equal to Evidently's
// defaults (scipy underneath). The data engine calls `driftColumn` once per column.

import {
  DRIFT_METHODS,
  type DriftKind,
  type DriftMethod,
  defaultDriftMethod,
  defaultThreshold,
  isDrifted,
} from "./default-method.ts";
import { hellinger, jensenShannon, klDivergence, psi, wassersteinNormed } from "./distances.ts";
import { DriftError } from "./drift-error.ts";
import { chiSquarePValue, ksPValue, zPValue } from "./p-value-tests.ts";
import { prepareSample, type Sample, sampleRows, unionUnique } from "./sample.ts";

export { DriftError, type DriftErrorCode } from "./drift-error.ts";
export { DRIFT_METHODS, type DriftKind, type DriftMethod, defaultDriftMethod, defaultThreshold };

/** One column's drift verdict. */
export type DriftColumnResult = {
  method: DriftMethod;
  score: number;
  threshold: number;
  drifted: boolean;
};

/** Inputs of `driftColumn`: numeric columns as Float64Array (NaN missing), categorical as strings (null missing). */
export type DriftColumnParams = {
  reference: Float64Array | readonly (string | null)[];
  current: Float64Array | readonly (string | null)[];
  kind: DriftKind;
  method?: DriftMethod;
  threshold?: number;
};

function score(method: DriftMethod, sample: Sample): number {
  switch (method) {
    case "ks":
    case "wasserstein":
      if (sample.kind !== "numeric") {
        throw new DriftError(
          "method_kind",
          `drift method ${method} needs a numeric column; use chisquare, z, jensenshannon, psi, kl_div or hellinger`,
        );
      }
      return method === "ks" ? ksPValue(sample) : wassersteinNormed(sample);
    case "z":
      return zPValue(sample);
    case "chisquare":
      return chiSquarePValue(sample);
    case "jensenshannon":
      return jensenShannon(sample);
    case "psi":
      return psi(sample);
    case "kl_div":
      return klDivergence(sample);
    case "hellinger":
      return hellinger(sample);
  }
}

/** Drift of one column: missing values dropped, Evidently's default method unless one is given. */
export function driftColumn(params: DriftColumnParams): DriftColumnResult {
  if (params.method !== undefined && !DRIFT_METHODS.includes(params.method)) {
    throw new DriftError(
      "unknown_method",
      `unknown drift method "${String(params.method)}"; use one of ${DRIFT_METHODS.join(", ")}`,
    );
  }
  const sample = prepareSample(params);
  const method =
    params.method ??
    defaultDriftMethod({
      kind: params.kind,
      referenceRows: sampleRows(sample).reference,
      uniqueValues: unionUnique(sample),
    });
  const threshold = params.threshold ?? defaultThreshold(method);
  const value = score(method, sample);
  return { method, score: value, threshold, drifted: isDrifted(method, value, threshold) };
}

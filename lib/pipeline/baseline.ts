/**
 * The regression baseline: the metrics of the version serving in an environment, read from the
 * environments repository (`environments/<env>.yaml` stable version → `registry/<model>.yaml`).
 * Pure: the bot reads the two files and passes their text.
 */
import { loadDocument } from "../config/load.ts";
import type { EnvironmentState, ModelRegistry } from "../config/types.gen.ts";
import type { MetricSet } from "../gates/types.ts";

/** A file's text, or null when it does not exist. */
export type MaybeFile = { file: string; text: string } | null;

/**
 * The baseline, or the reason there is none. Nothing serving yet skips the regression gates,
 * saying so; a `broken` environments repo (a version serves but its metrics cannot be read) fails
 * them: a regression check that cannot run must not pass a model.
 */
export type Baseline =
  | { ok: true; metrics: MetricSet; version: number }
  | { ok: false; reason: string; broken?: true };

/** The files to read for `environment`'s baseline of `model`. */
export function baselineFiles(p: { environment: string; model: string }): {
  environment: string;
  registry: string;
} {
  return {
    environment: `environments/${p.environment}.yaml`,
    registry: `registry/${p.model}.yaml`,
  };
}

/** Find the serving version's metrics; every way it can be missing has its own reason. */
export function resolveBaseline(params: {
  repository: string;
  environment: string;
  model: string;
  environmentFile: MaybeFile;
  registryFile: MaybeFile;
}): Baseline {
  const { repository, environment, model } = params;
  const where = (f: string) => `${repository}/${f}`;
  const names = baselineFiles({ environment, model });
  if (!params.environmentFile) {
    return {
      ok: false,
      reason: `${where(names.environment)} does not exist, so nothing serves in ${environment} yet`,
    };
  }
  const env = loadDocument<EnvironmentState>({ ...params.environmentFile, kind: "environment" });
  if (!env.valid || !env.value) {
    return {
      ok: false,
      reason: `${where(names.environment)} is invalid (run mlops validate on it)`,
      broken: true,
    };
  }
  const stable = env.value.models[model]?.stable;
  if (!stable) {
    return { ok: false, reason: `no version of ${model} serves in ${environment} yet` };
  }
  if (!params.registryFile) {
    return {
      ok: false,
      reason: `${where(names.registry)} does not exist; register version ${stable.version} there`,
      broken: true,
    };
  }
  const registry = loadDocument<ModelRegistry>({ ...params.registryFile, kind: "registry" });
  if (!registry.valid || !registry.value) {
    return {
      ok: false,
      reason: `${where(names.registry)} is invalid (run mlops validate on it)`,
      broken: true,
    };
  }
  const version = registry.value.versions.find((v) => v.version === stable.version);
  if (!version) {
    return {
      ok: false,
      reason: `${where(names.registry)} has no version ${stable.version}, which serves in ${environment}`,
      broken: true,
    };
  }
  const values: Record<string, number> = {};
  for (const [k, v] of Object.entries(version.metrics)) if (typeof v === "number") values[k] = v;
  return {
    ok: true,
    version: stable.version,
    metrics: { source: `${where(names.registry)} (version ${stable.version})`, values },
  };
}

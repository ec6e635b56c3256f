/**
 * A pull request must not weaken the checks that judge it: the policy parts of `.github/mlops.yml`
 * — the quality gates and each dataset's data checks — come from the base branch, and a change to
 * them takes effect once it merges (as Atlantis reads its server-side rules, not the PR's).
 */
import type { MlopsConfig } from "../config/types.gen.ts";

/** The config a pull request's pipeline runs with, and what the pull request changes but cannot use yet. */
export interface EffectiveConfig {
  config: MlopsConfig;
  /** Dotted paths the pull request changes among the policy parts (e.g. "gates", "datasets.train.checks"). */
  deferred: string[];
  /** Datasets whose checks come from the base branch (their checks_file is read there too). */
  checksFromBase: string[];
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * Merge the head's config with the base's policy. Without a valid base config (the pull request
 * adopts mlops-bot) there is no policy to protect: the head's config is used as it is.
 */
export function withBasePolicy(p: {
  head: MlopsConfig;
  base: MlopsConfig | null;
}): EffectiveConfig {
  const { head, base } = p;
  if (!base) return { config: head, deferred: [], checksFromBase: [] };
  const deferred: string[] = [];
  const checksFromBase: string[] = [];
  if (!same(head.gates, base.gates)) deferred.push("gates");
  const datasets: NonNullable<MlopsConfig["datasets"]> = {};
  for (const [name, dataset] of Object.entries(head.datasets ?? {})) {
    if (!dataset) continue;
    const before = base.datasets?.[name];
    if (!before) {
      datasets[name] = dataset; // new in this pull request: nothing to weaken yet
      continue;
    }
    checksFromBase.push(name);
    if (!same(dataset.checks, before.checks) || dataset.checks_file !== before.checks_file) {
      deferred.push(`datasets.${name}.checks`);
    }
    const { checks: _c, checks_file: _f, ...rest } = dataset;
    datasets[name] = {
      ...rest,
      ...(before.checks !== undefined ? { checks: before.checks } : {}),
      ...(before.checks_file !== undefined ? { checks_file: before.checks_file } : {}),
    };
  }
  const { gates: _g, ...rest } = head;
  return {
    config: {
      ...rest,
      ...(base.gates !== undefined ? { gates: base.gates } : {}),
      ...(head.datasets !== undefined ? { datasets } : {}),
    },
    deferred,
    checksFromBase,
  };
}

/** The sentence the config check and the report show when a pull request changes policy. */
export function deferredNote(deferred: string[]): string | null {
  if (deferred.length === 0) return null;
  const list = deferred.map((d) => `\`${d}\``).join(", ");
  return `This pull request changes ${list} in \`.github/mlops.yml\`. Checks that judge a change come from the base branch, so this run uses the base branch's; the new ones take effect once this is merged.`;
}

/** Stage: read `.github/mlops.yml` at a ref (with `_extends` resolved through the Forge) and validate it. */
import { loadMlopsConfig } from "../../lib/config/load.ts";
import type { MlopsConfig } from "../../lib/config/types.gen.ts";
import type { ValidationResult } from "../../lib/diagnostics.ts";
import type { Forge, RepoRef } from "../../lib/forge.ts";
import { type EffectiveConfig, withBasePolicy } from "../../lib/pipeline/base-policy.ts";
import { CONFIG_PATH } from "../../lib/pipeline/names.ts";

/** The outcome: no config (the repo does not use the bot), an invalid one, or the config. */
export type LoadedConfig =
  | { kind: "absent" }
  | { kind: "invalid"; result: ValidationResult; localFiles: string[] }
  | { kind: "ok"; config: MlopsConfig; result: ValidationResult; localFiles: string[] };

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** Load and validate the config at `ref` of `repo`. */
export async function loadConfig(p: {
  forge: Forge;
  repo: RepoRef;
  ref: string;
}): Promise<LoadedConfig> {
  const { forge, repo, ref } = p;
  const file = await forge.getFile({ ...repo, path: CONFIG_PATH, ref });
  if (!file) return { kind: "absent" };
  const result = await loadMlopsConfig({
    file: CONFIG_PATH,
    text: decode(file.bytes),
    resolveExtends: async (ext) => {
      const target = { owner: ext.owner ?? repo.owner, repo: ext.repo };
      const branch = await forge.getDefaultBranch(target);
      const found = await forge.getFile({ ...target, path: ext.path, ref: branch });
      return found
        ? { file: `${target.owner}/${target.repo}:${ext.path}`, text: decode(found.bytes) }
        : null;
    },
  });
  const localFiles = [CONFIG_PATH];
  if (!result.valid || !result.value) return { kind: "invalid", result, localFiles };
  return { kind: "ok", config: result.value, result, localFiles };
}

/** The config a run uses: the head's, with the policy parts (gates, data checks) from `policyRef`. */
export type EffectiveLoaded =
  | Exclude<LoadedConfig, { kind: "ok" }>
  | (Extract<LoadedConfig, { kind: "ok" }> & EffectiveConfig & { policyRef: string });

/**
 * Load the config at `configRef`; when `policyRef` differs (a pull request's base), take the policy
 * parts from there (lib/pipeline/base-policy.ts) so a pull request cannot weaken what judges it.
 */
export async function loadEffectiveConfig(p: {
  forge: Forge;
  repo: RepoRef;
  configRef: string;
  policyRef?: string;
}): Promise<EffectiveLoaded> {
  const loaded = await loadConfig({ forge: p.forge, repo: p.repo, ref: p.configRef });
  if (loaded.kind !== "ok") return loaded;
  const policyRef = p.policyRef ?? p.configRef;
  if (policyRef === p.configRef) {
    return { ...loaded, deferred: [], checksFromBase: [], policyRef };
  }
  const base = await loadConfig({ forge: p.forge, repo: p.repo, ref: policyRef });
  const effective = withBasePolicy({
    head: loaded.config,
    base: base.kind === "ok" ? base.config : null,
  });
  return { ...loaded, ...effective, policyRef };
}

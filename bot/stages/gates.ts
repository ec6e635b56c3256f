/** Stage: a training run finished → baseline from the environments repo → gates → complete `mlops/gates`. */
import type { MlopsConfig } from "../../lib/config/types.gen.ts";
import type { Forge, RepoRef } from "../../lib/forge.ts";
import {
  type Baseline,
  baselineFiles,
  type MaybeFile,
  resolveBaseline,
} from "../../lib/pipeline/baseline.ts";
import { type GatesCheckPlan, planGatesCheck } from "../../lib/pipeline/gates-check.ts";
import { CHECKS } from "../../lib/pipeline/names.ts";
import { renderRun } from "../../lib/report/lineage.ts";
import type { SectionName } from "../../lib/report/sections.ts";
import type { RunStatus } from "../../lib/runners/types.ts";

type Completed = Extract<RunStatus, { state: "completed" }>;

/** The result of completing the gates: null when there was nothing to complete (not ours, or done already). */
export interface GatesOutcome {
  plan: GatesCheckPlan;
  runUrl?: string;
  sections: Partial<Record<SectionName, string | null>>;
}

async function readText(
  forge: Forge,
  repo: RepoRef,
  path: string,
  ref: string,
): Promise<MaybeFile> {
  const file = await forge.getFile({ ...repo, path, ref });
  return file ? { file: path, text: new TextDecoder().decode(file.bytes) } : null;
}

/** The metrics serving in `gates.regression.against`, or why there are none. */
export async function readBaseline(
  forge: Forge,
  config: MlopsConfig,
): Promise<Baseline | undefined> {
  const against = config.gates?.regression?.against;
  if (!against) return undefined;
  const full = config.environments_repo;
  const [owner, name] = (full ?? "").split("/");
  if (!full || !owner || !name) {
    return {
      ok: false,
      reason:
        "environments_repo is not set in .github/mlops.yml, so there is no production baseline",
    };
  }
  const repo = { owner, repo: name };
  let branch: string;
  try {
    branch = await forge.getDefaultBranch(repo);
  } catch (error) {
    return {
      ok: false,
      reason: `cannot read ${full} (${error instanceof Error ? error.message : String(error)}); install the app on it`,
    };
  }
  const files = baselineFiles({ environment: against, model: config.model });
  return resolveBaseline({
    repository: full,
    environment: against,
    model: config.model,
    environmentFile: await readText(forge, repo, files.environment, branch),
    registryFile: await readText(forge, repo, files.registry, branch),
  });
}

/**
 * Complete the `mlops/gates` check run on `commit` whose external_id is `correlationId`. Null when
 * there is none (a run the bot did not start, or one superseded by a later dispatch) or it is already
 * completed (a redelivered workflow_run: nothing happens twice).
 */
export async function completeGates(p: {
  forge: Forge;
  repo: RepoRef;
  config: MlopsConfig;
  commit: string;
  correlationId: string;
  status: Completed;
}): Promise<GatesOutcome | null> {
  const { forge, repo } = p;
  const runs = await forge.listCheckRuns({ ...repo, ref: p.commit, name: CHECKS.gates });
  const check = runs.find((c) => c.name === CHECKS.gates && c.external_id === p.correlationId);
  if (!check || check.status === "completed") return null;
  const plan = planGatesCheck({
    gates: p.config.gates,
    status: p.status,
    baseline: await readBaseline(forge, p.config),
  });
  await forge.updateCheckRun({
    ...repo,
    check_run_id: check.id,
    status: "completed",
    conclusion: plan.conclusion,
    ...(p.status.url ? { details_url: p.status.url } : {}),
    output: plan.output,
  });
  return {
    plan,
    ...(p.status.url ? { runUrl: p.status.url } : {}),
    sections: {
      training: null,
      gates: plan.section,
      run: renderRun({
        ...(p.status.url ? { url: p.status.url } : {}),
        conclusion: p.status.conclusion,
        correlationId: p.correlationId,
      }),
    },
  };
}

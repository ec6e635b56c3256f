/** A finished training run, whatever the runner: config for the commit → status → gates → report → the promotion seam. */
import type { Training } from "../../lib/config/types.gen.ts";
import { CHECKS } from "../../lib/pipeline/names.ts";
import type { RunStatus } from "../../lib/runners/types.ts";
import type { HandlerTools } from "../context.ts";
import { completeGates } from "../stages/gates.ts";
import { loadEffectiveConfig } from "../stages/load-config.ts";
import { updateReport } from "../stages/report.ts";

/** Complete the gates for a run of `commit` (callers hold the commit's lock). */
export async function finishRun(
  tools: HandlerTools,
  p: {
    commit: string;
    correlationId: string;
    pullRequest?: number;
    status: (training: Training) => Promise<RunStatus>;
  },
): Promise<void> {
  const { forge, repo, log } = tools;
  const where = `${repo.owner}/${repo.repo}@${p.commit.slice(0, 7)}`;
  // 1. The config the pipeline used: the base's for a fork's pull request, else the commit's,
  //    with gates and data checks from the base for any pull request (lib/pipeline/base-policy.ts).
  const pull =
    p.pullRequest !== undefined
      ? await forge.getPull({ ...repo, pull_number: p.pullRequest })
      : undefined;
  const loaded = await loadEffectiveConfig({
    forge,
    repo,
    configRef: pull?.head.fork ? pull.base.sha : p.commit,
    ...(pull ? { policyRef: pull.base.sha } : {}),
  });
  if (loaded.kind !== "ok" || !loaded.config.training) {
    log.warn(
      `${where}: run ${p.correlationId} finished but the config has no valid training section; gates not evaluated`,
    );
    return;
  }
  // 2. The run's outcome and files; 3. the gates, completing the check run recorded at dispatch
  //    (nothing twice). A failure here is reported on that check run, then rethrown.
  let outcome: Awaited<ReturnType<typeof completeGates>>;
  try {
    const status = await p.status(loaded.config.training);
    if (status.state !== "completed") return;
    outcome = await completeGates({
      forge,
      repo,
      config: loaded.config,
      commit: p.commit,
      correlationId: p.correlationId,
      status,
    });
  } catch (error) {
    await reportGatesFailure(tools, p.commit, p.correlationId, error);
    throw error;
  }
  if (!outcome) {
    log.info(
      `${where}: no pending mlops/gates check for ${p.correlationId} (done already or superseded)`,
    );
    return;
  }
  // 4. The report on the pull request; on the default branch, the promotion seam.
  if (pull && pull.state === "open") {
    await updateReport({ forge, repo, number: pull.number, updates: outcome.sections });
    return;
  }
  if (!pull && outcome.plan.passed) {
    const gatesPassed = {
      repository: `${repo.owner}/${repo.repo}`,
      sha: p.commit,
      correlationId: p.correlationId,
      metrics: outcome.plan.report?.candidate.values ?? {},
      ...(outcome.runUrl ? { runUrl: outcome.runUrl } : {}),
    };
    if (tools.deps.onGatesPassedOnDefaultBranch)
      await tools.deps.onGatesPassedOnDefaultBranch(gatesPassed);
    else
      log.info(
        `${where}: gates passed; registering the candidate and opening a promotion PR are not built yet (onGatesPassedOnDefaultBranch)`,
      );
  }
}

async function reportGatesFailure(
  tools: HandlerTools,
  commit: string,
  correlationId: string,
  error: unknown,
): Promise<void> {
  const { forge, repo, log } = tools;
  const message = error instanceof Error ? error.message : String(error);
  log.error(
    `${repo.owner}/${repo.repo}@${commit.slice(0, 7)}: evaluating the gates for ${correlationId} failed: ${message}`,
  );
  try {
    const runs = await forge.listCheckRuns({ ...repo, ref: commit, name: CHECKS.gates });
    const check = runs.find((c) => c.external_id === correlationId && c.status !== "completed");
    if (!check) return;
    await forge.updateCheckRun({
      ...repo,
      check_run_id: check.id,
      status: "completed",
      conclusion: "failure",
      output: {
        title: "mlops-bot failed",
        summary: `The bot could not evaluate the gates: ${message}`,
      },
    });
  } catch (again) {
    log.error(
      `could not report it on ${CHECKS.gates}: ${again instanceof Error ? again.message : String(again)}`,
    );
  }
}

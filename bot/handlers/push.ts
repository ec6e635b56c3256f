/** `push` to the default branch (or a configured push branch): the pipeline on the pushed commit, no comment. */
import type { Context } from "probot";
import { CONFIG_PATH } from "../../lib/pipeline/names.ts";
import { datasetFiles } from "../../lib/pipeline/select-datasets.ts";
import { pushBranches } from "../../lib/pipeline/triggers.ts";
import type { RunReason } from "../../lib/runners/types.ts";
import { commitKey, type HandlerTools } from "../context.ts";
import { runPipeline } from "../pipeline.ts";
import { loadConfig } from "../stages/load-config.ts";

const ZERO = /^0{40}$/;

/** Handle a push event. */
export async function onPush(context: Context<"push">, tools: HandlerTools): Promise<void> {
  const { ref, after, before, deleted, repository } = context.payload;
  if (deleted || !ref.startsWith("refs/heads/") || ZERO.test(after)) return;
  const branch = ref.slice("refs/heads/".length);
  const { forge, repo } = tools;
  await tools.lock.run(commitKey(repo, after), async () => {
    // 1. Is this a branch the pipeline runs on? (The config at the pushed commit says.)
    const loaded = await loadConfig({ forge, repo, ref: after });
    const defaultBranch = repository.default_branch ?? "main";
    const branches =
      loaded.kind === "ok" ? pushBranches(loaded.config.triggers, defaultBranch) : [defaultBranch];
    if (!branches.includes(branch)) return;
    // 2. Why train: new data when the push changed a dataset (and data_change is on), else the push.
    let reason: RunReason = "push";
    if (loaded.kind === "ok" && loaded.config.triggers?.data_change && !ZERO.test(before)) {
      const changed = await forge.changedFiles({ ...repo, base: before, head: after });
      const files = Object.values(loaded.config.datasets ?? {}).flatMap((d) =>
        d ? datasetFiles(d) : [],
      );
      if (changed.some((f) => files.includes(f) && f !== CONFIG_PATH)) reason = "data_change";
    }
    // 3. The pipeline on the pushed commit, every dataset checked.
    await runPipeline({
      ...tools,
      sha: after,
      configRef: after,
      changed: "all",
      dispatchRef: branch,
      reason,
    });
  });
}

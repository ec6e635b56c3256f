/** Stage helper: create or update one of the bot's check runs on a commit (one per name and sha, never two). */
import type { CheckRunSpec, Forge, RepoRef } from "../../lib/forge.ts";

/** Update the check run `name` on `sha` (the given id, else the one listed), or create it; returns its id. */
export async function upsertCheck(p: {
  forge: Forge;
  repo: RepoRef;
  spec: CheckRunSpec;
  id?: number;
}): Promise<number> {
  const { forge, repo, spec } = p;
  let id = p.id;
  if (id === undefined) {
    const existing = await forge.listCheckRuns({ ...repo, ref: spec.head_sha, name: spec.name });
    id = existing.find((c) => c.name === spec.name)?.id;
  }
  if (id === undefined) return (await forge.createCheckRun({ ...repo, ...spec })).id;
  const { head_sha: _sha, ...changes } = spec;
  await forge.updateCheckRun({ ...repo, ...changes, check_run_id: id });
  return id;
}

/** Stage: load each selected dataset at the commit through the Forge, check it, and plan `mlops/data`. */

import type { Dataset, MlopsConfig } from "../../lib/config/types.gen.ts";
import { checkData } from "../../lib/data/check-data.ts";
import { DataError } from "../../lib/data/data-error.ts";
import { loadData } from "../../lib/data/load.ts";
import { loadDataPolicy } from "../../lib/data/load-policy.ts";
import type { DataPolicy } from "../../lib/data/policy.ts";
import type { ColumnType, DataTable } from "../../lib/data/table.ts";
import { DatasetError } from "../../lib/datasets/dataset-error.ts";
import { type FetchLike, resolveDataset } from "../../lib/datasets/resolve.ts";
import type { Forge, RepoRef } from "../../lib/forge.ts";
import {
  type DataCheckPlan,
  type DatasetOutcome,
  planDataCheck,
} from "../../lib/pipeline/data-check.ts";
import { type NamedDataset, selectDatasets } from "../../lib/pipeline/select-datasets.ts";

/** Data source failures the outcome reports as one line. */
class SourceError extends Error {}

async function repoBytes(
  forge: Forge,
  repo: RepoRef,
  path: string,
  sha: string,
): Promise<Uint8Array> {
  const file = await forge.getFile({ ...repo, path, ref: sha });
  if (!file)
    throw new SourceError(
      `${path} does not exist at ${sha.slice(0, 7)}; commit it or fix the path in .github/mlops.yml`,
    );
  return file.bytes;
}

async function policyOf(forge: Forge, repo: RepoRef, sha: string, d: Dataset): Promise<DataPolicy> {
  if (d.checks) return d.checks as DataPolicy;
  if (!d.checks_file) return {};
  const text = new TextDecoder().decode(await repoBytes(forge, repo, d.checks_file, sha));
  const loaded = loadDataPolicy({ file: d.checks_file, text });
  if (!loaded.ok) throw new SourceError(loaded.errors.join("; "));
  return loaded.policy;
}

async function table(bytes: Uint8Array, file: string, policy: DataPolicy): Promise<DataTable> {
  const types: Record<string, ColumnType> = {};
  for (const [name, rule] of Object.entries(policy.columns ?? {}))
    if (rule?.type) types[name] = rule.type;
  return loadData({ bytes, file, types });
}

async function checkOne(
  p: {
    forge: Forge;
    repo: RepoRef;
    sha: string;
    fetch: FetchLike;
    checksRef?: (name: string) => string;
  },
  named: NamedDataset,
): Promise<DatasetOutcome> {
  const { forge, repo, sha } = p;
  const { name, dataset } = named;
  const file = dataset.path ?? dataset.dvc ?? dataset.url ?? name;
  const outcome: DatasetOutcome = { name, file };
  const readRepoFile = async (path: string) =>
    (await forge.getFile({ ...repo, path, ref: sha }))?.bytes ?? null;
  try {
    const resolved = await resolveDataset({ spec: dataset, readRepoFile, fetch: p.fetch });
    if (resolved instanceof DatasetError) throw new SourceError(resolved.message);
    outcome.hash = `md5:${resolved.md5}`;
    const policy = await policyOf(forge, repo, p.checksRef?.(name) ?? sha, dataset);
    const current = await table(resolved.bytes, dataset.path ?? resolved.name, policy);
    let reference: DataTable | undefined;
    if (dataset.reference && !/^https?:\/\//.test(dataset.reference)) {
      reference = await table(
        await repoBytes(forge, repo, dataset.reference, sha),
        dataset.reference,
        policy,
      );
    }
    outcome.result = checkData({ table: current, policy, ...(reference ? { reference } : {}) });
  } catch (error) {
    if (error instanceof SourceError || error instanceof DataError) outcome.error = error.message;
    else throw error;
  }
  return outcome;
}

/** Check the datasets a change touches (`changed: "all"` on pushes and schedules); hashes of every dataset read. */
export async function runDataStage(p: {
  forge: Forge;
  repo: RepoRef;
  sha: string;
  config: MlopsConfig;
  changed: string[] | "all";
  /** Where a dataset's checks_file is read (a pull request's base when its checks come from there). */
  checksRef?: (name: string) => string;
  fetch: FetchLike;
}): Promise<{ plan: DataCheckPlan; hashes: Record<string, string> }> {
  const chosen = selectDatasets({ config: p.config, changed: p.changed });
  const outcomes: DatasetOutcome[] = [];
  for (const d of chosen) outcomes.push(await checkOne(p, d));
  const hashes: Record<string, string> = {};
  for (const o of outcomes) if (o.hash) hashes[o.name] = o.hash;
  return {
    plan: planDataCheck({ outcomes, scope: p.changed === "all" ? "all" : "changed" }),
    hashes,
  };
}

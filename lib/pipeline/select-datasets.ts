/** Which datasets a change touches: on a pull request only those whose file or pointer it changes. */
import type { Dataset, MlopsConfig } from "../config/types.gen.ts";
import { CONFIG_PATH } from "./names.ts";

/** A dataset by name, with its settings. */
export interface NamedDataset {
  name: string;
  dataset: Dataset;
}

/** Every file a dataset depends on in the repository: data, pointer, reference, checks file. */
export function datasetFiles(dataset: Dataset): string[] {
  const files = [dataset.path, dataset.dvc, dataset.checks_file];
  if (dataset.reference && !/^https?:\/\//.test(dataset.reference)) files.push(dataset.reference);
  return files.filter((f): f is string => typeof f === "string").map((f) => f.replace(/^\.\//, ""));
}

/**
 * The datasets to check: all of them when `changed` is "all" (pushes, schedules) or the change edits
 * `.github/mlops.yml` (the checks themselves may have changed); else those whose files changed.
 */
export function selectDatasets(params: {
  config: MlopsConfig;
  changed: string[] | "all";
}): NamedDataset[] {
  const all = Object.entries(params.config.datasets ?? {})
    .filter((e): e is [string, Dataset] => e[1] !== undefined)
    .map(([name, dataset]) => ({ name, dataset }));
  const { changed } = params;
  if (changed === "all" || changed.includes(CONFIG_PATH)) return all;
  const touched = new Set(changed);
  return all.filter((d) => datasetFiles(d.dataset).some((f) => touched.has(f)));
}

/** Metrics intake from a run's files: find the configured metrics JSON and predictions CSV among them. */
import type { RunFile, RunOutputs, TrainingConfig } from "./types.ts";

/** The metrics file when `training.metrics_file` is not set. */
export const DEFAULT_METRICS_FILE = "metrics.json";

const decoder = new TextDecoder("utf-8", { fatal: true });

// Artifacts zip files under whatever directory the workflow uploaded, so `out/metrics.json` answers
// to `metrics.json`; an exact path wins, then the shortest path ending in `/<file>`.
function find(files: Record<string, Uint8Array>, file: string): [string, Uint8Array] | undefined {
  const wanted = file.replace(/^\.\//, "");
  const exact = files[wanted];
  if (exact) return [wanted, exact];
  const candidates = Object.keys(files)
    .filter((path) => path.endsWith(`/${wanted}`))
    .sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  const path = candidates[0];
  return path === undefined ? undefined : [path, files[path] as Uint8Array];
}

function read(
  files: Record<string, Uint8Array>,
  file: string,
  what: string,
  problems: string[],
): RunFile | undefined {
  const found = find(files, file);
  if (!found) {
    const have = Object.keys(files).sort();
    problems.push(
      `the run produced no ${what} "${file}" (found: ${have.length ? have.join(", ") : "no files"}); write it in the training script or set training.${what === "metrics file" ? "metrics_file" : "predictions_file"}`,
    );
    return undefined;
  }
  try {
    return { file: found[0], text: decoder.decode(found[1]).replace(/^\uFEFF/, "") };
  } catch {
    problems.push(`the run's ${what} "${found[0]}" is not UTF-8 text; write it as UTF-8`);
    return undefined;
  }
}

/**
 * Extract the metrics JSON (`training.metrics_file`, default metrics.json) and, when configured, the
 * predictions CSV (`training.predictions_file`) from a run's files (an artifact's zip entries, a
 * checkout). Text is returned as is: parsing belongs to the gates (lib/gates/metrics.ts).
 */
export function resultFromArtifacts(
  files: Record<string, Uint8Array>,
  config: Pick<TrainingConfig, "metrics_file" | "predictions_file">,
): RunOutputs {
  const problems: string[] = [];
  const outputs: RunOutputs = { problems };
  const metrics = read(
    files,
    config.metrics_file ?? DEFAULT_METRICS_FILE,
    "metrics file",
    problems,
  );
  if (metrics) outputs.metrics = metrics;
  if (config.predictions_file) {
    const predictions = read(files, config.predictions_file, "predictions file", problems);
    if (predictions) outputs.predictions = predictions;
  }
  return outputs;
}

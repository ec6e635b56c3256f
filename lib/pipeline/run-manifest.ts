/** The run manifest (`mlops-run.json`): a training run's inputs echoed in its artifact, so a finished run is matched even when its title carries no correlation id. */
import type { WorkflowRunMatch } from "../runners/correlation.ts";

/** What a manifest says about its run. */
export interface RunManifest {
  correlationId: string;
  commit: string;
  pullRequest?: number;
  datasets: Record<string, string>;
  reason?: string;
}

/** The manifest a run writes, from its workflow_dispatch inputs (the `mlops_*` keys). */
export function manifestFromInputs(inputs: Record<string, unknown>): string {
  const pick = (k: string) => (typeof inputs[k] === "string" ? (inputs[k] as string) : "");
  return `${JSON.stringify(
    {
      mlops_correlation_id: pick("mlops_correlation_id"),
      mlops_commit: pick("mlops_commit"),
      mlops_pr: pick("mlops_pr"),
      mlops_datasets: pick("mlops_datasets"),
      mlops_reason: pick("mlops_reason"),
    },
    null,
    2,
  )}\n`;
}

/** Read a manifest; null when it is not one (wrong shape, no 16-hex correlation id, no 40-hex commit). */
export function parseManifest(text: string): RunManifest | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof doc !== "object" || doc === null) return null;
  const o = doc as Record<string, unknown>;
  const id = o.mlops_correlation_id;
  const commit = o.mlops_commit;
  if (typeof id !== "string" || !/^[0-9a-f]{16}$/.test(id)) return null;
  if (typeof commit !== "string" || !/^[0-9a-f]{40}$/.test(commit)) return null;
  const manifest: RunManifest = { correlationId: id, commit, datasets: {} };
  if (typeof o.mlops_pr === "string" && /^[0-9]+$/.test(o.mlops_pr))
    manifest.pullRequest = Number(o.mlops_pr);
  if (typeof o.mlops_reason === "string" && o.mlops_reason) manifest.reason = o.mlops_reason;
  if (typeof o.mlops_datasets === "string") {
    try {
      const d = JSON.parse(o.mlops_datasets) as unknown;
      if (d && typeof d === "object") {
        for (const [k, v] of Object.entries(d)) if (typeof v === "string") manifest.datasets[k] = v;
      }
    } catch {
      // A manifest with unreadable datasets still matches its run; lineage just lacks the hashes.
    }
  }
  return manifest;
}

/** A run match completed from a manifest (the title said nothing). */
export function matchFromManifest(
  run: {
    id: number;
    status: string | null;
    conclusion: string | null;
    html_url?: string;
    path?: string;
  },
  manifest: RunManifest,
): WorkflowRunMatch {
  const match: WorkflowRunMatch = {
    correlationId: manifest.correlationId,
    runId: run.id,
    commit: manifest.commit,
    status: run.status ?? "unknown",
    conclusion: run.conclusion,
  };
  if (manifest.pullRequest !== undefined) match.pullRequest = manifest.pullRequest;
  if (run.html_url) match.url = run.html_url;
  if (run.path) match.path = run.path;
  return match;
}

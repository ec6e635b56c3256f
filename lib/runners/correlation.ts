/**
 * Correlation without a database: a run carries a short hash of what it trains, so a redelivered
 * event computes the same id (and finds the run already started), and a finished run is matched
 * back to its commit and pull request from what the run itself shows.
 */
import type { RunReason } from "./types.ts";

/**
 * The line users add to their training workflow so a `workflow_run` event names its run: GitHub puts
 * no workflow_dispatch input in that payload, but it does carry the rendered `run-name` as
 * `display_title`.
 */
export const RUN_NAME_LINE =
  // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub Actions expressions, not a JS template.
  'run-name: "train ${{ inputs.mlops_correlation_id }} ${{ inputs.mlops_commit }} pr-${{ inputs.mlops_pr }}"';

const ID = /(?<![0-9a-f])[0-9a-f]{16}(?![0-9a-f])/;
const SHA = /(?<![0-9a-f])[0-9a-f]{40}(?![0-9a-f])/;
const PR = /\bpr-([0-9]+)\b/;

const hex = (bytes: ArrayBuffer) =>
  Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");

/**
 * The correlation id of a training request: 16 hex chars of SHA-256 over repository, commit, dataset
 * hashes (order-free), reason and `key`. `key` separates requests that are otherwise the same but
 * must each run (a `/retrain` comment's id, a schedule's slot time); a redelivery repeats the key.
 */
export async function correlationId(params: {
  repo: string;
  sha: string;
  datasets: Record<string, string>;
  reason: RunReason;
  key?: string;
}): Promise<string> {
  const datasets = Object.entries(params.datasets).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonical = JSON.stringify([
    params.repo.toLowerCase(),
    params.sha.toLowerCase(),
    datasets,
    params.reason,
    params.key ?? null,
  ]);
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonical));
  return hex(digest).slice(0, 16);
}

/** What a run's title says: the correlation id, and the commit and PR when the run-name carries them. */
export interface TitleFields {
  correlationId: string;
  commit?: string;
  pullRequest?: number;
}

/** Read the correlation id (and commit, PR) from a run title written with `RUN_NAME_LINE`; null when absent. */
export function parseRunTitle(title: string): TitleFields | null {
  const text = title.toLowerCase();
  const id = ID.exec(text)?.[0];
  if (!id) return null;
  const fields: TitleFields = { correlationId: id };
  const commit = SHA.exec(text)?.[0];
  if (commit) fields.commit = commit;
  const pr = PR.exec(text)?.[1];
  if (pr) fields.pullRequest = Number(pr);
  return fields;
}

/** A workflow run matched to the training request that started it. */
export interface WorkflowRunMatch {
  correlationId: string;
  runId: number;
  /** The commit trained: from the title when present, else the run's head_sha. */
  commit: string;
  pullRequest?: number;
  status: string;
  conclusion: string | null;
  url?: string;
  /** `.github/workflows/<file>` of the run. */
  path?: string;
}

const field = (o: unknown, key: string): unknown =>
  typeof o === "object" && o !== null ? (o as Record<string, unknown>)[key] : undefined;
const str = (v: unknown) => (typeof v === "string" ? v : undefined);

/**
 * Match a `workflow_run` webhook payload (or a run object from the REST API) to its request, by the
 * id in `display_title` (the rendered run-name), else in `name`. Null when the run is not ours.
 */
export function matchWorkflowRun(payload: unknown): WorkflowRunMatch | null {
  const run = field(payload, "workflow_run") ?? payload;
  const runId = field(run, "id");
  if (typeof runId !== "number") return null;
  const fields =
    parseRunTitle(str(field(run, "display_title")) ?? "") ??
    parseRunTitle(str(field(run, "name")) ?? "");
  if (!fields) return null;
  const headSha = str(field(run, "head_sha")) ?? "";
  const match: WorkflowRunMatch = {
    correlationId: fields.correlationId,
    runId,
    commit: fields.commit ?? headSha,
    status: str(field(run, "status")) ?? "unknown",
    conclusion: str(field(run, "conclusion")) ?? null,
  };
  if (fields.pullRequest !== undefined) match.pullRequest = fields.pullRequest;
  const url = str(field(run, "html_url"));
  if (url) match.url = url;
  const path = str(field(run, "path"));
  if (path) match.path = path;
  return match;
}

/**
 * The Runner port: where training runs (GitHub Actions, Argo Workflows, a local process), as one
 * small interface the bot calls. Every value here is plain JSON so the bot can keep a handle in a
 * check run's `external_id`/text and rebuild it after a restart.
 */
import type { Training } from "../config/types.gen.ts";

/** The `training:` section of `.github/mlops.yml`. */
export type TrainingConfig = Training;

/** Why a run was started; travels in the run's inputs so the run says why it exists. */
export type RunReason =
  | "pull_request"
  | "push"
  | "retrain"
  | "schedule"
  | "data_change"
  | "drift"
  | "degradation";

/** Every reason, in a stable order (for validation and messages). */
export const RUN_REASONS: readonly RunReason[] = [
  "pull_request",
  "push",
  "retrain",
  "schedule",
  "data_change",
  "drift",
  "degradation",
];

/** What to train: the code at `sha`, on data with these hashes, for this reason. */
export interface RunRequest {
  /** `owner/name`. */
  repository: string;
  /** The commit to train. */
  sha: string;
  /** The branch or ref the run is started on (workflow_dispatch needs a branch or tag). */
  ref: string;
  /** Dataset name → content hash (md5 or sha256 hex) the run must see. */
  datasets: Record<string, string>;
  /** From `correlationId()`; the same request always yields the same id. */
  correlationId: string;
  reason: RunReason;
  /** The pull request the run is for, when there is one (lets a finished run find its PR). */
  pullRequest?: number;
  training: TrainingConfig;
}

/** A started run, found again by its correlation id. */
export interface RunHandle {
  kind: Runner["kind"];
  correlationId: string;
  /** `owner/name`, from the request. */
  repository: string;
  /** The request's training config: poll needs where outputs are (artifact, files, Argo server). */
  training: TrainingConfig;
  /** The runner's own id: the Actions run id, the Argo workflow name, the local run directory; null while unknown. */
  id: string | null;
  /** A page a person can open, when the runner has one. */
  url?: string;
  /** False when dispatch found an existing run for this correlation id instead of starting one. */
  created: boolean;
}

/** One output file of a run, as text. */
export interface RunFile {
  /** The file name as configured (e.g. metrics.json). */
  file: string;
  text: string;
}

/** The files a finished run produced; `problems` says, one line each, what was expected and not found. */
export interface RunOutputs {
  metrics?: RunFile;
  predictions?: RunFile;
  problems: string[];
}

export type RunConclusion = "success" | "failure" | "cancelled" | "timed_out";

/** Where a run is now. */
export type RunStatus =
  | { state: "queued" | "in_progress"; url?: string }
  | {
      state: "completed";
      conclusion: RunConclusion;
      url?: string;
      /** One line on why a run did not succeed (exit code, Argo's message, a timeout). */
      message?: string;
      outputs: RunOutputs;
      /** The last lines of the run's output, where the runner has them (local runner). */
      logs?: { stdout: string; stderr: string };
    };

/** A place training runs. */
export interface Runner {
  kind: "github-actions" | "argo" | "local";
  /** Start a training run; idempotent for the same correlation id (a second call finds the first run). */
  dispatch(req: RunRequest): Promise<RunHandle>;
  /** Where a run is now; when completed, its conclusion and its output files (metrics JSON, predictions CSV). */
  poll(handle: RunHandle): Promise<RunStatus>;
}

/** A runner failure classified once (DESIGN §4.5): `retryable` for 5xx, timeouts and rate limits. */
export class RunnerError extends Error {
  override name = "RunnerError";
  constructor(
    message: string,
    readonly retryable = false,
  ) {
    super(message);
  }
}

/**
 * The Forge port: the part of GitHub the engine needs, as a small interface (DESIGN §4.3).
 * bot/ implements it with Probot's octokit (retries and rate limits live there); tests run that
 * implementation against sim/. Planners in lib/ stay pure; executors and runners take a Forge.
 */

/** A repository, by owner and name. */
export interface RepoRef {
  owner: string;
  repo: string;
}

/** A file read at a ref; `sha` is the blob sha (needed to update it through the contents API). */
export interface ForgeFile {
  path: string;
  sha: string;
  bytes: Uint8Array;
}

/** A check run annotation, in GitHub's shape. */
export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: "notice" | "warning" | "failure";
  title?: string;
  message: string;
}

/** What a check run shows; the executor splits annotations into requests of 50. */
export interface CheckRunOutput {
  title: string;
  summary: string;
  text?: string;
  annotations?: Annotation[];
}

export type CheckConclusion =
  | "success"
  | "failure"
  | "neutral"
  | "cancelled"
  | "skipped"
  | "timed_out"
  | "action_required";

/** A check run to create or update, keyed by name and head sha. */
export interface CheckRunSpec {
  name: string;
  head_sha: string;
  status: "queued" | "in_progress" | "completed";
  conclusion?: CheckConclusion;
  external_id?: string;
  details_url?: string;
  output?: CheckRunOutput;
  actions?: { label: string; description: string; identifier: string }[];
}

export interface IssueComment {
  id: number;
  body: string;
  user: { login: string; type: string };
}

export interface PullRequestInfo {
  number: number;
  state: "open" | "closed";
  merged: boolean;
  title: string;
  body: string;
  base: { ref: string; sha: string; repo: RepoRef };
  head: { ref: string; sha: string; repo: RepoRef; fork: boolean };
  user: { login: string };
  labels: string[];
}

export type Permission = "admin" | "maintain" | "write" | "triage" | "read" | "none";

/** Files to write in one commit: path → new content, or null to delete. */
export type FileChanges = Record<string, Uint8Array | string | null>;

/** GitHub as the engine sees it. Every method may reject with a ForgeError. */
export interface Forge {
  getFile(p: RepoRef & { path: string; ref: string }): Promise<ForgeFile | null>;
  /** Paths changed between two commits (a PR's files, a push's range). */
  changedFiles(p: RepoRef & { base: string; head: string }): Promise<string[]>;
  getDefaultBranch(p: RepoRef): Promise<string>;
  getPermission(p: RepoRef & { username: string }): Promise<Permission>;
  isTeamMember(p: { org: string; team: string; username: string }): Promise<boolean>;

  listCheckRuns(
    p: RepoRef & { ref: string; name?: string },
  ): Promise<{ id: number; name: string; external_id: string | null; status: string }[]>;
  createCheckRun(p: RepoRef & CheckRunSpec): Promise<{ id: number }>;
  updateCheckRun(p: RepoRef & Partial<CheckRunSpec> & { check_run_id: number }): Promise<void>;

  listComments(p: RepoRef & { issue_number: number }): Promise<IssueComment[]>;
  createComment(p: RepoRef & { issue_number: number; body: string }): Promise<{ id: number }>;
  updateComment(p: RepoRef & { comment_id: number; body: string }): Promise<void>;
  addReaction(
    p: RepoRef & { comment_id: number; content: "+1" | "-1" | "eyes" | "rocket" | "confused" },
  ): Promise<void>;

  getPull(p: RepoRef & { pull_number: number }): Promise<PullRequestInfo>;
  findPulls(
    p: RepoRef & { head?: string; base?: string; state: "open" | "closed" | "all" },
  ): Promise<PullRequestInfo[]>;
  createPull(
    p: RepoRef & { title: string; body: string; head: string; base: string },
  ): Promise<PullRequestInfo>;
  updatePull(
    p: RepoRef & { pull_number: number; title?: string; body?: string; state?: "open" | "closed" },
  ): Promise<void>;
  mergePull(
    p: RepoRef & {
      pull_number: number;
      sha: string;
      merge_method: "merge" | "squash" | "rebase";
      commit_title?: string;
    },
  ): Promise<{ sha: string }>;
  listApprovals(
    p: RepoRef & { pull_number: number },
  ): Promise<{ login: string; commit_id: string }[]>;

  /** The sha a branch points at, or null when it does not exist. */
  getBranchSha(p: RepoRef & { branch: string }): Promise<string | null>;
  /** One commit on top of `parent` with `changes`; returns the new commit's sha (not yet on any branch). */
  createCommit(
    p: RepoRef & { parent: string; message: string; changes: FileChanges },
  ): Promise<string>;
  /** Point a branch at `sha`: created if missing, else moved only if it still points at `expected` (compare-and-swap). */
  setBranch(p: RepoRef & { branch: string; sha: string; expected: string | null }): Promise<void>;

  dispatchWorkflow(
    p: RepoRef & { workflow: string; ref: string; inputs: Record<string, string> },
  ): Promise<void>;
  listArtifacts(p: RepoRef & { run_id: number }): Promise<{ id: number; name: string }[]>;
  /** The files inside an artifact's zip. */
  downloadArtifact(p: RepoRef & { artifact_id: number }): Promise<Record<string, Uint8Array>>;
}

/** A failure from the forge, classified once so the retry policy lives in one place (DESIGN §4.5). */
export class ForgeError extends Error {
  override name = "ForgeError";
  constructor(
    message: string,
    readonly status: number,
    /** True for conflicts a planner can resolve by re-reading (CAS failures, head moved). */
    readonly conflict = status === 409 || status === 422,
  ) {
    super(message);
  }
}

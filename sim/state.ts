/** The sim's in-memory records (users, orgs, teams, repositories, issues, pulls, checks, runs); git holds the code. */
import type { GitRepo } from "./git/git-repo.ts";

/** GitHub's repository permission levels, weakest first. */
export const PERMISSIONS = ["none", "read", "triage", "write", "maintain", "admin"] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Whether `have` is at least `need`. */
export function atLeast(have: Permission, need: Permission): boolean {
  return PERMISSIONS.indexOf(have) >= PERMISSIONS.indexOf(need);
}

export interface Account {
  id: number;
  login: string;
  type: "User" | "Organization" | "Bot";
  name?: string;
  email?: string;
  /** Organization members and their role. */
  members?: Map<string, "member" | "admin">;
}

export interface Team {
  id: number;
  org: string;
  slug: string;
  name: string;
  members: Map<string, "member" | "maintainer">;
  repos: Map<string, Permission>;
}

export interface Repo {
  id: number;
  owner: string;
  name: string;
  fullName: string;
  private: boolean;
  description: string | null;
  defaultBranch: string;
  /** Full name of the parent when this is a fork. */
  parent?: string;
  git: GitRepo;
  collaborators: Map<string, Permission>;
  createdAt: Date;
  updatedAt: Date;
  pushedAt: Date;
  labels: Map<string, Label>;
}

export interface Label {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface Reaction {
  id: number;
  user: string;
  content: string;
  createdAt: Date;
}

export interface PullInfo {
  head: { repo: string; ref: string; sha: string };
  base: { ref: string; sha: string };
  draft: boolean;
  merged: boolean;
  mergedAt: Date | null;
  mergedBy: string | null;
  mergeCommitSha: string | null;
  requestedReviewers: string[];
  requestedTeams: string[];
  maintainerCanModify: boolean;
}

/** An issue or a pull request (they share numbers, as on GitHub). */
export interface Issue {
  id: number;
  repo: string;
  number: number;
  title: string;
  body: string | null;
  user: string;
  state: "open" | "closed";
  labels: string[];
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  reactions: Reaction[];
  pull?: PullInfo;
}

export interface Comment {
  id: number;
  repo: string;
  issueNumber: number;
  user: string;
  body: string;
  createdAt: Date;
  updatedAt: Date;
  reactions: Reaction[];
  viaApp?: number;
}

export interface Review {
  id: number;
  repo: string;
  pullNumber: number;
  user: string;
  body: string;
  state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "PENDING";
  commitId: string;
  submittedAt: Date;
}

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: "notice" | "warning" | "failure";
  message: string;
  title?: string;
  raw_details?: string;
}

export interface CheckRun {
  id: number;
  repo: string;
  appId: number;
  name: string;
  headSha: string;
  status: "queued" | "in_progress" | "completed" | "waiting" | "requested" | "pending";
  conclusion: string | null;
  startedAt: Date;
  completedAt: Date | null;
  externalId: string | null;
  detailsUrl: string | null;
  output: {
    title: string | null;
    summary: string | null;
    text: string | null;
    annotations: Annotation[];
  };
  suiteId: number;
}

export interface Artifact {
  id: number;
  repo: string;
  runId: number;
  name: string;
  zip: Uint8Array;
  createdAt: Date;
}

export interface WorkflowRun {
  id: number;
  repo: string;
  workflowId: number;
  path: string;
  name: string;
  /** What GitHub shows as the run's title: the rendered `run-name`, else the workflow's name. */
  displayTitle: string;
  runNumber: number;
  event: string;
  status: "queued" | "in_progress" | "completed";
  conclusion: string | null;
  headBranch: string;
  headSha: string;
  inputs: Record<string, unknown>;
  actor: string;
  createdAt: Date;
  updatedAt: Date;
  startedAt: Date;
  artifacts: number[];
  suiteId: number;
}

export interface App {
  id: number;
  slug: string;
  name: string;
  owner: string;
  /** PKCS#8 PEM of the RSA private key Probot signs app JWTs with. */
  privateKey: string;
  publicKey: CryptoKey;
  webhookSecret: string;
  createdAt: Date;
}

export interface Installation {
  id: number;
  appId: number;
  account: string;
  repositorySelection: "all" | "selected";
  repositories: Set<string>;
  permissions: Record<string, "read" | "write">;
  events: string[];
  createdAt: Date;
}

export type TokenOwner =
  | { kind: "user"; login: string }
  | { kind: "installation"; installationId: number; expiresAt: Date };

/** Everything the sim remembers besides git objects. */
export interface SimState {
  nextId: number;
  accounts: Map<string, Account>;
  teams: Map<string, Team>;
  repos: Map<string, Repo>;
  issues: Map<string, Issue>;
  comments: Map<number, Comment>;
  reviews: Review[];
  checkRuns: Map<number, CheckRun>;
  runs: Map<number, WorkflowRun>;
  artifacts: Map<number, Artifact>;
  apps: Map<number, App>;
  installations: Map<number, Installation>;
  tokens: Map<string, TokenOwner>;
}

/** An empty state. */
export function emptyState(): SimState {
  return {
    nextId: 1000,
    accounts: new Map(),
    teams: new Map(),
    repos: new Map(),
    issues: new Map(),
    comments: new Map(),
    reviews: [],
    checkRuns: new Map(),
    runs: new Map(),
    artifacts: new Map(),
    apps: new Map(),
    installations: new Map(),
    tokens: new Map(),
  };
}

/** Key of an issue in SimState.issues. */
export function issueKey(repo: string, number: number): string {
  return `${repo}#${number}`;
}

/** Check runs: create and update with GitHub's limits, and check_run webhooks. */
import { newId, type SimCore } from "../core.ts";
import { notFound, validationFailed } from "../http-error.ts";
import { checkRun as checkShape } from "../shapes/checks.ts";
import type { Annotation, CheckRun, Repo } from "../state.ts";
import { hookBase } from "../webhooks/context.ts";

/** The fields a create or update may carry (the REST body). */
export interface CheckRunInput {
  name?: string;
  head_sha?: string;
  details_url?: string;
  external_id?: string;
  status?: CheckRun["status"];
  started_at?: string;
  conclusion?: string;
  completed_at?: string;
  output?: { title?: string; summary?: string; text?: string; annotations?: Annotation[] };
}

const MAX_ANNOTATIONS = 50;
const MAX_SUMMARY = 65535;

function checkLimits(input: CheckRunInput): void {
  const o = input.output;
  if (o?.annotations && o.annotations.length > MAX_ANNOTATIONS) {
    throw validationFailed(
      "CheckRun",
      "annotations",
      "custom",
      `Only ${MAX_ANNOTATIONS} annotations are allowed per request`,
    );
  }
  for (const key of ["summary", "text"] as const) {
    if ((o?.[key]?.length ?? 0) > MAX_SUMMARY) {
      throw validationFailed(
        "CheckRun",
        key,
        "custom",
        `Output ${key} is too long (maximum is ${MAX_SUMMARY} characters)`,
      );
    }
  }
  if (input.conclusion && input.status && input.status !== "completed") {
    throw validationFailed(
      "CheckRun",
      "status",
      "custom",
      "Conclusion can only be set when status is completed",
    );
  }
}

/**
 * Open pull requests whose head is `sha`. As on GitHub, only those whose head branch lives in this
 * repository: a fork's pull request leaves `pull_requests` empty (the Checks API does not see
 * pushes to forks).
 */
function pullRefs(core: SimCore, repo: Repo, sha: string) {
  return [...core.state.issues.values()]
    .filter(
      (i) =>
        i.repo === repo.fullName &&
        i.pull &&
        i.state === "open" &&
        i.pull.head.sha === sha &&
        i.pull.head.repo.toLowerCase() === repo.fullName.toLowerCase(),
    )
    .map((i) => ({
      id: i.id,
      number: i.number,
      url: `${core.api}/repos/${repo.fullName}/pulls/${i.number}`,
      head: {
        ref: i.pull!.head.ref,
        sha: i.pull!.head.sha,
        repo: { id: repo.id, url: `${core.api}/repos/${repo.fullName}`, name: repo.name },
      },
      base: {
        ref: i.pull!.base.ref,
        sha: i.pull!.base.sha,
        repo: { id: repo.id, url: `${core.api}/repos/${repo.fullName}`, name: repo.name },
      },
    }));
}

/** Render a check run with the pulls it belongs to. */
export function renderCheckRun(core: SimCore, repo: Repo, c: CheckRun) {
  return checkShape(core, repo, c, pullRefs(core, repo, c.headSha));
}

/** The check suite GitHub embeds in check_run payloads. */
function suiteOf(
  core: SimCore,
  repo: Repo,
  c: CheckRun,
  shaped: ReturnType<typeof renderCheckRun>,
) {
  return {
    id: c.suiteId,
    head_sha: c.headSha,
    head_branch: null,
    status: c.status,
    conclusion: c.conclusion,
    url: `${core.api}/repos/${repo.fullName}/check-suites/${c.suiteId}`,
    before: null,
    after: c.headSha,
    pull_requests: shaped.pull_requests,
    app: shaped.app,
    created_at: shaped.started_at,
    updated_at: shaped.completed_at ?? shaped.started_at,
  };
}

function announce(core: SimCore, repo: Repo, c: CheckRun, action: string, sender: string) {
  const shaped = renderCheckRun(core, repo, c);
  core.outbox.emit("check_run", {
    action,
    check_run: { ...shaped, check_suite: suiteOf(core, repo, c, shaped) },
    ...hookBase(core, repo, sender),
  });
}

export function createCheckRun(
  core: SimCore,
  p: {
    repo: Repo;
    appId: number;
    sender: string;
    input: CheckRunInput & { name: string; head_sha: string };
  },
): CheckRun {
  checkLimits(p.input);
  const now = core.clock.now();
  const i = p.input;
  const completed = i.conclusion !== undefined || i.status === "completed";
  const c: CheckRun = {
    id: newId(core),
    repo: p.repo.fullName,
    appId: p.appId,
    name: i.name,
    headSha: i.head_sha,
    status: completed ? "completed" : (i.status ?? "queued"),
    conclusion: i.conclusion ?? null,
    startedAt: i.started_at ? new Date(i.started_at) : now,
    completedAt: completed ? (i.completed_at ? new Date(i.completed_at) : now) : null,
    externalId: i.external_id ?? null,
    detailsUrl: i.details_url ?? null,
    output: {
      title: i.output?.title ?? null,
      summary: i.output?.summary ?? null,
      text: i.output?.text ?? null,
      annotations: i.output?.annotations ?? [],
    },
    suiteId: newId(core),
  };
  core.state.checkRuns.set(c.id, c);
  announce(core, p.repo, c, "created", p.sender);
  if (completed) announce(core, p.repo, c, "completed", p.sender);
  return c;
}

/** Update a check run; annotations append (GitHub's rule), other output fields replace. */
export function updateCheckRun(
  core: SimCore,
  p: { repo: Repo; check: CheckRun; sender: string; input: CheckRunInput },
): CheckRun {
  checkLimits(p.input);
  const c = p.check;
  const i = p.input;
  const wasCompleted = c.status === "completed";
  if (i.name !== undefined) c.name = i.name;
  if (i.details_url !== undefined) c.detailsUrl = i.details_url;
  if (i.external_id !== undefined) c.externalId = i.external_id;
  if (i.started_at !== undefined) c.startedAt = new Date(i.started_at);
  if (i.status !== undefined) c.status = i.status;
  if (i.conclusion !== undefined) {
    c.conclusion = i.conclusion;
    c.status = "completed";
  }
  if (c.status === "completed" && !c.completedAt)
    c.completedAt = i.completed_at ? new Date(i.completed_at) : core.clock.now();
  if (i.output) {
    if (i.output.title !== undefined) c.output.title = i.output.title;
    if (i.output.summary !== undefined) c.output.summary = i.output.summary;
    if (i.output.text !== undefined) c.output.text = i.output.text;
    if (i.output.annotations) c.output.annotations.push(...i.output.annotations);
  }
  if (!wasCompleted && c.status === "completed") announce(core, p.repo, c, "completed", p.sender);
  return c;
}

/**
 * What GitHub sends when a person clicks "Re-run" on a check run (`rerequested`) or one of its
 * action buttons (`requested_action`, with the button's identifier). A 404 for an unknown run.
 */
export function clickCheckRun(
  core: SimCore,
  p: { repo: Repo; checkRunId: number; user: string; action?: string },
): void {
  const c = core.state.checkRuns.get(p.checkRunId);
  if (!c || c.repo !== p.repo.fullName) throw notFound();
  const shaped = renderCheckRun(core, p.repo, c);
  core.outbox.emit("check_run", {
    action: p.action === undefined ? "rerequested" : "requested_action",
    check_run: { ...shaped, check_suite: suiteOf(core, p.repo, c, shaped) },
    ...(p.action === undefined ? {} : { requested_action: { identifier: p.action } }),
    ...hookBase(core, p.repo, p.user),
  });
}

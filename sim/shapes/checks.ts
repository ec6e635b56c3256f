/** Check runs, workflow runs and artifacts as GitHub renders them. */
import { isoSeconds } from "../clock.ts";
import type { Artifact, CheckRun, Repo, WorkflowRun } from "../state.ts";
import { integration, minimalRepo, nodeId, type ShapeContext, simpleUser } from "./accounts.ts";

/** A `check-run`. */
export function checkRun(ctx: ShapeContext, repo: Repo, c: CheckRun, pullRequests: unknown[] = []) {
  const url = `${ctx.api}/repos/${repo.fullName}/check-runs/${c.id}`;
  const app = ctx.state.apps.get(c.appId);
  return {
    id: c.id,
    head_sha: c.headSha,
    node_id: nodeId("CR", c.id),
    external_id: c.externalId ?? "",
    url,
    html_url: `${ctx.api}/${repo.fullName}/runs/${c.id}`,
    details_url: c.detailsUrl ?? `${ctx.api}/${repo.fullName}/runs/${c.id}`,
    status: c.status,
    conclusion: c.conclusion,
    started_at: isoSeconds(c.startedAt),
    completed_at: c.completedAt ? isoSeconds(c.completedAt) : null,
    output: {
      title: c.output.title,
      summary: c.output.summary,
      text: c.output.text,
      annotations_count: c.output.annotations.length,
      annotations_url: `${url}/annotations`,
    },
    name: c.name,
    check_suite: { id: c.suiteId },
    app: app ? integration(ctx, app) : null,
    pull_requests: pullRequests,
  };
}

/** A `workflow-run`. */
export function workflowRun(
  ctx: ShapeContext,
  repo: Repo,
  r: WorkflowRun,
  headCommit: {
    tree: string;
    message: string;
    timestamp: Date;
    author: { name: string; email: string };
  },
) {
  const url = `${ctx.api}/repos/${repo.fullName}/actions/runs/${r.id}`;
  return {
    id: r.id,
    name: r.name,
    node_id: nodeId("WFR", r.id),
    check_suite_id: r.suiteId,
    check_suite_node_id: nodeId("CS", r.suiteId),
    head_branch: r.headBranch,
    head_sha: r.headSha,
    path: r.path,
    display_title: r.displayTitle,
    run_number: r.runNumber,
    event: r.event,
    status: r.status,
    conclusion: r.conclusion,
    workflow_id: r.workflowId,
    url,
    html_url: `${ctx.api}/${repo.fullName}/actions/runs/${r.id}`,
    pull_requests: [],
    created_at: isoSeconds(r.createdAt),
    updated_at: isoSeconds(r.updatedAt),
    actor: simpleUser(ctx, r.actor),
    triggering_actor: simpleUser(ctx, r.actor),
    run_attempt: 1,
    referenced_workflows: [],
    run_started_at: isoSeconds(r.startedAt),
    jobs_url: `${url}/jobs`,
    logs_url: `${url}/logs`,
    check_suite_url: `${ctx.api}/repos/${repo.fullName}/check-suites/${r.suiteId}`,
    artifacts_url: `${url}/artifacts`,
    cancel_url: `${url}/cancel`,
    rerun_url: `${url}/rerun`,
    previous_attempt_url: null,
    workflow_url: `${ctx.api}/repos/${repo.fullName}/actions/workflows/${r.workflowId}`,
    head_commit: {
      id: r.headSha,
      tree_id: headCommit.tree,
      message: headCommit.message,
      timestamp: isoSeconds(headCommit.timestamp),
      author: headCommit.author,
      committer: headCommit.author,
    },
    repository: minimalRepo(ctx, repo),
    head_repository: minimalRepo(ctx, repo),
  };
}

/** An `artifact`. */
export function artifact(ctx: ShapeContext, repo: Repo, a: Artifact, run: WorkflowRun) {
  const url = `${ctx.api}/repos/${repo.fullName}/actions/artifacts/${a.id}`;
  const expires = new Date(a.createdAt.getTime() + 90 * 86_400_000);
  return {
    id: a.id,
    node_id: nodeId("MDg", a.id),
    name: a.name,
    size_in_bytes: a.zip.length,
    url,
    archive_download_url: `${url}/zip`,
    expired: false,
    created_at: isoSeconds(a.createdAt),
    expires_at: isoSeconds(expires),
    updated_at: isoSeconds(a.createdAt),
    digest: null,
    workflow_run: {
      id: run.id,
      repository_id: repo.id,
      head_repository_id: repo.id,
      head_branch: run.headBranch,
      head_sha: run.headSha,
    },
  };
}

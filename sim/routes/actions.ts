/** Actions routes: workflow dispatch, runs, run artifacts and artifact download (zip). */
import { HttpError, notFound } from "../http-error.ts";
import type { OperationId } from "../openapi/operations.ts";
import { dispatchWorkflow, renderRun, workflowOr404 } from "../ops/actions.ts";
import { artifact } from "../shapes/checks.ts";
import type { WorkflowRun } from "../state.ts";
import { actorLogin, ok, paginate, type RouteContext, type RouteDef } from "./types.ts";

function run(ctx: RouteContext): WorkflowRun {
  const r = ctx.core.state.runs.get(Number(ctx.params.run_id));
  if (!r || r.repo !== ctx.repo.fullName) throw notFound();
  return r;
}

async function listRuns(ctx: RouteContext, workflowId?: number) {
  let list = [...ctx.core.state.runs.values()].filter((r) => r.repo === ctx.repo.fullName);
  if (workflowId !== undefined) list = list.filter((r) => r.workflowId === workflowId);
  const status = ctx.query.get("status");
  if (status) list = list.filter((r) => r.status === status || r.conclusion === status);
  for (const key of ["branch", "event", "head_sha"] as const) {
    const v = ctx.query.get(key);
    const field = { branch: "headBranch", event: "event", head_sha: "headSha" }[key] as
      | "headBranch"
      | "event"
      | "headSha";
    if (v) list = list.filter((r) => r[field] === v);
  }
  list.sort((a, b) => b.id - a.id);
  const page = paginate(ctx, list);
  const runs = [];
  for (const r of page.items) runs.push(await renderRun(ctx.core, ctx.repo, r));
  return {
    status: 200,
    body: { total_count: list.length, workflow_runs: runs },
    headers: page.headers,
  };
}

export const routes: Partial<Record<OperationId, RouteDef>> = {
  "actions/create-workflow-dispatch": {
    guard: "repo",
    level: "write",
    scope: "actions",
    handle: async (ctx) => {
      const r = await dispatchWorkflow(ctx.core, {
        repo: ctx.repo,
        workflow: ctx.params.workflow_id!,
        ref: ctx.body.ref,
        inputs: ctx.body.inputs ?? {},
        actor: actorLogin(ctx.actor),
      });
      return ctx.body.return_run_details
        ? ok({
            workflow_run_id: r.id,
            run_url: `${ctx.core.api}/repos/${ctx.repo.fullName}/actions/runs/${r.id}`,
            html_url: `${ctx.core.api}/${ctx.repo.fullName}/actions/runs/${r.id}`,
          })
        : { status: 204 };
    },
  },
  "actions/list-workflow-runs-for-repo": {
    guard: "repo",
    level: "read",
    scope: "actions",
    handle: (ctx) => listRuns(ctx),
  },
  "actions/list-workflow-runs": {
    guard: "repo",
    level: "read",
    scope: "actions",
    handle: (ctx) => listRuns(ctx, workflowOr404(ctx.core, ctx.repo, ctx.params.workflow_id!).id),
  },
  "actions/get-workflow-run": {
    guard: "repo",
    level: "read",
    scope: "actions",
    handle: async (ctx) => ok(await renderRun(ctx.core, ctx.repo, run(ctx))),
  },
  "actions/list-workflow-run-artifacts": {
    guard: "repo",
    level: "read",
    scope: "actions",
    handle: (ctx) => {
      const r = run(ctx);
      const name = ctx.query.get("name");
      const list = r.artifacts
        .map((id) => ctx.core.state.artifacts.get(id)!)
        .filter((a) => !name || a.name === name);
      const page = paginate(ctx, list);
      return {
        status: 200,
        body: {
          total_count: list.length,
          artifacts: page.items.map((a) => artifact(ctx.core, ctx.repo, a, r)),
        },
        headers: page.headers,
      };
    },
  },
  "actions/download-artifact": {
    guard: "repo",
    level: "read",
    scope: "actions",
    handle: (ctx) => {
      const a = ctx.core.state.artifacts.get(Number(ctx.params.artifact_id));
      if (!a || a.repo !== ctx.repo.fullName) throw notFound();
      if (ctx.params.archive_format !== "zip")
        throw new HttpError(422, "Invalid archive_format; only zip is supported");
      // GitHub answers 302 to a signed blob URL; the sim serves the zip directly so in-process fetch needs no redirect.
      return { status: 200, raw: a.zip, contentType: "application/zip" };
    },
  },
};

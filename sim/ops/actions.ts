/** The Actions stand-in: workflow dispatch queues a run, its executor runs in the background, artifacts are zipped, workflow_run events follow. */
import { zipSync } from "fflate";
import { runCommand, type WorkflowExecutor } from "../actions/executor.ts";
import { checkDispatchInputs, parseWorkflowFile, renderRunName } from "../actions/workflow-file.ts";
import { isoSeconds } from "../clock.ts";
import { newId, type SimCore, track } from "../core.ts";
import { HttpError, notFound } from "../http-error.ts";
import { nodeId } from "../shapes/accounts.ts";
import { workflowRun } from "../shapes/checks.ts";
import type { Repo, WorkflowRun } from "../state.ts";
import { hookBase } from "../webhooks/context.ts";

/** A registered workflow: the file it stands for and what runs it. */
export interface Workflow {
  id: number;
  repo: string;
  /** e.g. ".github/workflows/train.yml". */
  path: string;
  name: string;
  executor: WorkflowExecutor;
  createdAt: Date;
}

/** Register (or replace) the executor of a workflow file of `repo`. */
export function registerWorkflow(
  core: SimCore,
  p: { repo: Repo; file: string; name?: string; executor: WorkflowExecutor },
): Workflow {
  const path = p.file.includes("/") ? p.file : `.github/workflows/${p.file}`;
  const key = `${p.repo.fullName.toLowerCase()}:${path}`;
  const existing = core.workflows.get(key);
  const wf: Workflow = {
    id: existing?.id ?? newId(core),
    repo: p.repo.fullName,
    path,
    name: p.name ?? path.slice(path.lastIndexOf("/") + 1).replace(/\.ya?ml$/, ""),
    executor: p.executor,
    createdAt: existing?.createdAt ?? core.clock.now(),
  };
  core.workflows.set(key, wf);
  return wf;
}

/** The workflow `idOrFile` (numeric id or file name) of `repo`, or 404. */
export function workflowOr404(core: SimCore, repo: Repo, idOrFile: string): Workflow {
  for (const wf of core.workflows.values()) {
    if (wf.repo !== repo.fullName) continue;
    if (String(wf.id) === idOrFile || wf.path === idOrFile || wf.path.endsWith(`/${idOrFile}`))
      return wf;
  }
  throw notFound();
}

function workflowShape(core: SimCore, repo: Repo, wf: Workflow) {
  return {
    id: wf.id,
    node_id: nodeId("W", wf.id),
    name: wf.name,
    path: wf.path,
    state: "active",
    created_at: isoSeconds(wf.createdAt),
    updated_at: isoSeconds(wf.createdAt),
    url: `${core.api}/repos/${repo.fullName}/actions/workflows/${wf.id}`,
    html_url: `${core.api}/${repo.fullName}/blob/${repo.defaultBranch}/${wf.path}`,
    badge_url: `${core.api}/${repo.fullName}/workflows/${wf.name}/badge.svg`,
  };
}

/** Render a run (needs its head commit from git). */
export async function renderRun(core: SimCore, repo: Repo, run: WorkflowRun) {
  const c = await repo.git.readCommit(run.headSha);
  return workflowRun(core, repo, run, {
    tree: c.tree,
    message: c.message.replace(/\n$/, ""),
    timestamp: c.committer.date,
    author: { name: c.author.name, email: c.author.email },
  });
}

async function announce(core: SimCore, repo: Repo, run: WorkflowRun, wf: Workflow, action: string) {
  core.outbox.emit("workflow_run", {
    action,
    workflow_run: await renderRun(core, repo, run),
    workflow: workflowShape(core, repo, wf),
    ...hookBase(core, repo, run.actor),
  });
}

/** Queue a run of `workflow` on `ref` (a branch or tag) and start it in the background; 422 like GitHub for an unknown ref. */
export async function dispatchWorkflow(
  core: SimCore,
  p: {
    repo: Repo;
    workflow: string;
    ref: string;
    inputs?: Record<string, unknown>;
    actor: string;
    event?: string;
  },
): Promise<WorkflowRun> {
  const wf = workflowOr404(core, p.repo, p.workflow);
  const branch = p.ref.replace(/^refs\/(heads|tags)\//, "");
  const sha =
    (await p.repo.git.resolve(`refs/heads/${branch}`)) ??
    (await p.repo.git.resolve(`refs/tags/${branch}`));
  if (!sha) throw new HttpError(422, `No ref found for: ${p.ref}`);
  // When the repository holds the workflow file, hold the dispatch to it as GitHub does:
  // undeclared inputs are refused, and `run-name` gives the run its display title.
  const entry = await p.repo.git.entryAt(sha, wf.path);
  const file =
    entry?.type === "blob"
      ? parseWorkflowFile(new TextDecoder().decode(await p.repo.git.readBlob(entry.sha)))
      : null;
  const inputs = p.inputs ?? {};
  if (file && (p.event ?? "workflow_dispatch") === "workflow_dispatch") {
    checkDispatchInputs(file, inputs);
  }
  const now = core.clock.now();
  const runNumber = [...core.state.runs.values()].filter((r) => r.workflowId === wf.id).length + 1;
  const run: WorkflowRun = {
    id: newId(core),
    repo: p.repo.fullName,
    workflowId: wf.id,
    path: wf.path,
    name: wf.name,
    displayTitle: file?.runName ? renderRunName(file.runName, inputs) : wf.name,
    runNumber,
    event: p.event ?? "workflow_dispatch",
    status: "queued",
    conclusion: null,
    headBranch: branch,
    headSha: sha,
    inputs,
    actor: p.actor,
    createdAt: now,
    updatedAt: now,
    startedAt: now,
    artifacts: [],
    suiteId: newId(core),
  };
  core.state.runs.set(run.id, run);
  await announce(core, p.repo, run, wf, "requested");
  track(core, execute(core, p.repo, run, wf));
  return run;
}

async function execute(core: SimCore, repo: Repo, run: WorkflowRun, wf: Workflow): Promise<void> {
  // Let the dispatch call return first, as GitHub answers 204 before the run starts.
  await new Promise((r) => setTimeout(r, 0));
  run.status = "in_progress";
  run.startedAt = run.updatedAt = core.clock.now();
  await announce(core, repo, run, wf, "in_progress");
  const ctx = {
    repo: repo.fullName,
    ref: `refs/heads/${run.headBranch}`,
    sha: run.headSha,
    runId: run.id,
    workflow: wf.path,
    readFile: async (path: string) => {
      const e = await repo.git.entryAt(run.headSha, path);
      return e?.type === "blob" ? repo.git.readBlob(e.sha) : null;
    },
  };
  let result: Awaited<ReturnType<typeof runCommand>>;
  try {
    result =
      typeof wf.executor === "function"
        ? await wf.executor(run.inputs, ctx)
        : await runCommand(wf.executor, {
            gitDir: repo.git.gitDir,
            sha: run.headSha,
            inputs: run.inputs,
            ctx,
          });
  } catch {
    result = { conclusion: "failure" };
  }
  const enc = new TextEncoder();
  for (const [name, files] of Object.entries(result.artifacts ?? {})) {
    const entries = Object.fromEntries(
      Object.entries(files).map(([p, v]) => [p, typeof v === "string" ? enc.encode(v) : v]),
    );
    const id = newId(core);
    // A fixed mtime keeps artifact bytes independent of the wall clock.
    core.state.artifacts.set(id, {
      id,
      repo: repo.fullName,
      runId: run.id,
      name,
      zip: zipSync(entries, { mtime: new Date("2000-01-01T00:00:00Z") }),
      createdAt: core.clock.now(),
    });
    run.artifacts.push(id);
  }
  run.status = "completed";
  run.conclusion = result.conclusion;
  run.updatedAt = core.clock.now();
  await announce(core, repo, run, wf, "completed");
}

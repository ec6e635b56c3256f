/**
 * The Argo Workflows runner: submit a Workflow from the configured WorkflowTemplate through the Argo
 * Server REST API, labelled with the correlation id so a second dispatch finds the first, and poll it.
 * Outputs come from the workflow's output parameters `metrics`/`predictions` (or artifacts of those
 * names, declared with `archive: {none: {}}` so the server returns the file itself).
 */
import ky, { isHTTPError, type KyInstance } from "ky";
import type { ArgoRunner } from "../config/types.gen.ts";
import { DEFAULT_METRICS_FILE } from "./outputs.ts";
import {
  type RunConclusion,
  type RunHandle,
  type Runner,
  RunnerError,
  type RunOutputs,
  type RunRequest,
  type RunStatus,
  type TrainingConfig,
} from "./types.ts";

/** The label carrying the correlation id on every workflow the bot submits. */
export const CORRELATION_LABEL = "mlops-bot/correlation-id";

/** A Workflow as the Argo Server returns it (the fields used here). */
export interface ArgoWorkflow {
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  status?: {
    phase?: string;
    message?: string;
    outputs?: ArgoOutputs;
    nodes?: Record<string, { id?: string; outputs?: ArgoOutputs }>;
  };
}

interface ArgoOutputs {
  parameters?: { name: string; value?: string }[];
  artifacts?: { name: string }[];
}

/** Retry policy for the Argo Server: `limit` retries on 408/429/5xx, `delayMs` between them. */
export interface ArgoRetry {
  limit: number;
  delayMs: number;
}

function argoConfig(training: TrainingConfig): ArgoRunner {
  if (!training.argo) {
    throw new RunnerError(
      "training.argo is not set; give the Argo server's url, namespace and workflow_template",
    );
  }
  return training.argo;
}

const apiBase = (argo: ArgoRunner) => argo.url.replace(/\/+$/, "");
const ns = (argo: ArgoRunner) => encodeURIComponent(argo.namespace);
const uiUrl = (argo: ArgoRunner, name: string) =>
  `${apiBase(argo)}/workflows/${ns(argo)}/${encodeURIComponent(name)}`;

/** The Workflow the bot submits for a request: the template's ref, our labels and the run's parameters. */
export function argoWorkflowFor(req: RunRequest): unknown {
  const argo = argoConfig(req.training);
  const datasets = Object.fromEntries(
    Object.entries(req.datasets).sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  const parameters = [
    ["repository", req.repository],
    ["commit", req.sha],
    ["ref", req.ref],
    ["datasets", JSON.stringify(datasets)],
    ["correlation-id", req.correlationId],
    ["reason", req.reason],
    ["pr", req.pullRequest === undefined ? "" : String(req.pullRequest)],
  ].map(([name, value]) => ({ name, value }));
  return {
    workflow: {
      metadata: {
        generateName: `${argo.workflow_template}-`,
        // Label values cannot hold "/" (the repository): it goes in an annotation.
        labels: { [CORRELATION_LABEL]: req.correlationId, "mlops-bot/reason": req.reason },
        annotations: { "mlops-bot/repository": req.repository, "mlops-bot/commit": req.sha },
      },
      spec: {
        workflowTemplateRef: { name: argo.workflow_template },
        arguments: { parameters },
      },
    },
  };
}

async function toRunnerError(
  error: unknown,
  argo: ArgoRunner,
  doing: string,
): Promise<RunnerError> {
  if (isHTTPError(error)) {
    const status = error.response.status;
    const data = error.data as { message?: unknown } | string | undefined;
    const said =
      typeof data === "object" && data && typeof data.message === "string"
        ? `: ${data.message}`
        : "";
    const fix =
      status === 401 || status === 403
        ? "; give the runner a valid bearer token (argo auth token)"
        : status === 404
          ? `; check training.argo.url and namespace "${argo.namespace}"`
          : "";
    return new RunnerError(
      `Argo server ${apiBase(argo)} answered ${status} when ${doing}${said}${fix}`,
      status >= 500 || status === 429 || status === 408,
    );
  }
  // ky wraps network failures; the cause says what happened (DNS, refused, reset).
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new RunnerError(`cannot reach the Argo server ${apiBase(argo)} (${reason})`, true);
}

const CONCLUSION: Record<string, RunConclusion> = {
  Succeeded: "success",
  Failed: "failure",
  Error: "failure",
};

/** An Argo Workflows runner. `fetch` defaults to the global one; tests pass a fake server's handler. */
export function createArgoRunner(
  params: {
    token?: string;
    fetch?: (input: Request | URL | string, init?: RequestInit) => Promise<Response>;
    retry?: ArgoRetry;
    timeoutMs?: number;
  } = {},
): Runner {
  const retry = params.retry ?? { limit: 3, delayMs: 1000 };
  const authorization = params.token
    ? params.token.startsWith("Bearer ")
      ? params.token
      : `Bearer ${params.token}`
    : undefined;
  const http: KyInstance = ky.create({
    ...(params.fetch ? { fetch: params.fetch } : {}),
    headers: authorization ? { authorization } : {},
    timeout: params.timeoutMs ?? 30_000,
    retry: {
      limit: retry.limit,
      methods: ["get", "post"],
      statusCodes: [408, 429, 500, 502, 503, 504],
      delay: () => retry.delayMs,
      backoffLimit: retry.delayMs,
    },
  });

  async function findByLabel(argo: ArgoRunner, id: string): Promise<ArgoWorkflow | undefined> {
    const url = `${apiBase(argo)}/api/v1/workflows/${ns(argo)}`;
    try {
      const list = await http
        .get(url, { searchParams: { "listOptions.labelSelector": `${CORRELATION_LABEL}=${id}` } })
        .json<{ items?: ArgoWorkflow[] | null }>();
      // Argo lists newest last; the earliest submission is the run of record.
      return (list.items ?? [])[0];
    } catch (error) {
      throw await toRunnerError(error, argo, "listing workflows");
    }
  }

  async function submit(req: RunRequest, argo: ArgoRunner): Promise<ArgoWorkflow> {
    const url = `${apiBase(argo)}/api/v1/workflows/${ns(argo)}`;
    try {
      return await http
        .post(url, {
          json: argoWorkflowFor(req),
          hooks: {
            // A 5xx on create may still have created the workflow: look before submitting again.
            beforeRetry: [
              async () => {
                const found = await findByLabel(argo, req.correlationId);
                return found ? Response.json(found) : undefined;
              },
            ],
          },
        })
        .json<ArgoWorkflow>();
    } catch (error) {
      if (error instanceof RunnerError) throw error;
      throw await toRunnerError(error, argo, "submitting a workflow");
    }
  }

  async function download(argo: ArgoRunner, path: string): Promise<string> {
    try {
      return await http.get(`${apiBase(argo)}${path}`).text();
    } catch (error) {
      throw await toRunnerError(error, argo, "downloading an artifact");
    }
  }

  async function output(
    argo: ArgoRunner,
    wf: ArgoWorkflow,
    name: string,
    file: string,
    problems: string[],
  ): Promise<{ file: string; text: string } | undefined> {
    const param = wf.status?.outputs?.parameters?.find((p) => p.name === name);
    if (param?.value !== undefined) return { file, text: param.value };
    for (const [key, node] of Object.entries(wf.status?.nodes ?? {})) {
      if (!node.outputs?.artifacts?.some((a) => a.name === name)) continue;
      const nodeId = encodeURIComponent(node.id ?? key);
      const path = `/artifacts/${ns(argo)}/${encodeURIComponent(wf.metadata.name)}/${nodeId}/${encodeURIComponent(name)}`;
      return { file, text: await download(argo, path) };
    }
    problems.push(
      `the Argo workflow ${wf.metadata.name} has no output parameter or artifact "${name}"; export ${file} from the template as outputs.parameters "${name}" (globalName: ${name})`,
    );
    return undefined;
  }

  async function outputsOf(
    argo: ArgoRunner,
    wf: ArgoWorkflow,
    training: TrainingConfig,
  ): Promise<RunOutputs> {
    const problems: string[] = [];
    const outputs: RunOutputs = { problems };
    const metricsName = training.metrics_artifact ?? "metrics";
    const metricsFile = training.metrics_file ?? DEFAULT_METRICS_FILE;
    const metrics = await output(argo, wf, metricsName, metricsFile, problems);
    if (metrics) outputs.metrics = metrics;
    if (training.predictions_file) {
      const predictions = await output(
        argo,
        wf,
        "predictions",
        training.predictions_file,
        problems,
      );
      if (predictions) outputs.predictions = predictions;
    }
    return outputs;
  }

  return {
    kind: "argo",

    async dispatch(req) {
      const argo = argoConfig(req.training);
      const base = {
        kind: "argo" as const,
        correlationId: req.correlationId,
        repository: req.repository,
        training: req.training,
      };
      const existing = await findByLabel(argo, req.correlationId);
      const wf = existing ?? (await submit(req, argo));
      const handle: RunHandle = {
        ...base,
        id: wf.metadata.name,
        url: uiUrl(argo, wf.metadata.name),
        // A retried create that found the workflow still created it in this call.
        created: !existing,
      };
      return handle;
    },

    async poll(handle): Promise<RunStatus> {
      const argo = argoConfig(handle.training);
      const name = handle.id ?? (await findByLabel(argo, handle.correlationId))?.metadata.name;
      if (!name) return { state: "queued" };
      const url = uiUrl(argo, name);
      let wf: ArgoWorkflow;
      try {
        wf = await http
          .get(`${apiBase(argo)}/api/v1/workflows/${ns(argo)}/${encodeURIComponent(name)}`)
          .json<ArgoWorkflow>();
      } catch (error) {
        if (isHTTPError(error) && error.response.status === 404) {
          return {
            state: "completed",
            conclusion: "failure",
            url,
            message: `the Argo workflow ${name} no longer exists (deleted or garbage-collected); retrain to run it again`,
            outputs: { problems: [] },
          };
        }
        throw await toRunnerError(error, argo, `reading workflow ${name}`);
      }
      const phase = wf.status?.phase ?? "";
      if (phase === "Running") return { state: "in_progress", url };
      const conclusion = CONCLUSION[phase];
      if (!conclusion) return { state: "queued", url };
      if (conclusion !== "success") {
        const said = wf.status?.message ? `: ${wf.status.message}` : "";
        return {
          state: "completed",
          conclusion,
          url,
          message: `the Argo workflow ${name} ended ${phase}${said}`,
          outputs: { problems: [] },
        };
      }
      return {
        state: "completed",
        conclusion,
        url,
        outputs: await outputsOf(argo, wf, handle.training),
      };
    },
  };
}

/**
 * A small honest fake of the Argo Server REST API (the subset the runner uses), as a web-standard
 * handler given to ky as `fetch`: list with a label selector, create from a WorkflowTemplate, get,
 * and output artifacts. Errors use Argo's grpc-gateway shape `{code, message}`.
 */
import type { ArgoWorkflow } from "../../lib/runners/argo.ts";

interface Stored extends ArgoWorkflow {
  metadata: ArgoWorkflow["metadata"] & { namespace: string; labels: Record<string, string> };
  spec: unknown;
}

/** A fault to inject: the next `times` requests matching `method` answer `status`. `after`: the create happens first. */
export interface Fault {
  method: string;
  status: number;
  times: number;
  after?: boolean;
}

const grpc = (status: number, code: number, message: string) =>
  Response.json({ code, message }, { status });

/** A fake Argo server holding `templates` in `namespace`, accepting bearer `token`. */
export function createFakeArgo(p: { token: string; namespace: string; templates: string[] }) {
  const workflows = new Map<string, Stored>();
  const artifacts = new Map<string, string>();
  const faults: Fault[] = [];
  const calls: string[] = [];
  let counter = 0;

  function create(body: unknown): Response {
    const wf = (body as { workflow?: Stored }).workflow;
    const template = (wf?.spec as { workflowTemplateRef?: { name?: string } })?.workflowTemplateRef
      ?.name;
    if (
      !wf?.metadata ||
      (!wf.metadata.name && !(wf.metadata as { generateName?: string }).generateName)
    ) {
      return grpc(400, 3, "workflow.metadata.name or generateName is required");
    }
    if (!template || !p.templates.includes(template)) {
      return grpc(400, 3, `workflowtemplates.argoproj.io "${template}" not found`);
    }
    counter += 1;
    const generate = (wf.metadata as { generateName?: string }).generateName ?? "";
    const name = wf.metadata.name || `${generate}${counter.toString(36).padStart(5, "x")}`;
    const stored: Stored = {
      metadata: { name, namespace: p.namespace, labels: { ...(wf.metadata.labels ?? {}) } },
      spec: wf.spec,
      status: {},
    };
    workflows.set(name, stored);
    return Response.json(stored);
  }

  async function handler(input: Request | URL | string, init?: RequestInit): Promise<Response> {
    const request = input instanceof Request ? input : new Request(String(input), init);
    const url = new URL(request.url);
    calls.push(`${request.method} ${url.pathname}${url.search}`);
    const fault = faults.find((f) => f.method === request.method && f.times > 0);
    if (fault && !fault.after) {
      fault.times -= 1;
      return grpc(fault.status, 14, "the server is currently unable to handle the request");
    }
    if (request.headers.get("authorization") !== `Bearer ${p.token}`) {
      return grpc(
        401,
        16,
        "token not valid. see https://argo-workflows.readthedocs.io/en/latest/faq/",
      );
    }
    const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    if (parts[0] === "artifacts" && parts.length === 5) {
      const text = artifacts.get(parts.slice(1).join("/"));
      return text === undefined ? grpc(404, 5, "artifact not found") : new Response(text);
    }
    if (parts[0] !== "api" || parts[1] !== "v1" || parts[2] !== "workflows") {
      return grpc(404, 5, "Not Found");
    }
    if (parts[3] !== p.namespace) return grpc(403, 7, `namespace "${parts[3]}" is forbidden`);
    if (parts.length === 4 && request.method === "GET") {
      const selector = url.searchParams.get("listOptions.labelSelector");
      const [key, value] = selector ? selector.split("=") : [];
      const items = [...workflows.values()].filter((w) => !key || w.metadata.labels[key] === value);
      // Argo answers `items: null` for an empty list.
      return Response.json({
        metadata: { resourceVersion: "1" },
        items: items.length ? items : null,
      });
    }
    if (parts.length === 4 && request.method === "POST") {
      const response = create(await request.json());
      if (fault?.after && response.ok) {
        fault.times -= 1;
        return grpc(fault.status, 14, "the server is currently unable to handle the request");
      }
      return response;
    }
    if (parts.length === 5 && request.method === "GET") {
      const wf = workflows.get(parts[4] as string);
      return wf ? Response.json(wf) : grpc(404, 5, `workflows.argoproj.io "${parts[4]}" not found`);
    }
    return grpc(405, 12, "Method Not Allowed");
  }

  return {
    handler,
    workflows,
    calls,
    /** Inject a fault. */
    fail(fault: Fault) {
      faults.push(fault);
    },
    /** Move a workflow to `phase`, with status fields such as `outputs`, `nodes`, `message`. */
    finish(name: string, status: NonNullable<ArgoWorkflow["status"]>) {
      const wf = workflows.get(name);
      if (!wf) throw new Error(`no workflow ${name}`);
      wf.status = status;
    },
    /** Store an output artifact of a node. */
    putArtifact(name: string, nodeId: string, artifact: string, text: string) {
      artifacts.set(`${p.namespace}/${name}/${nodeId}/${artifact}`, text);
    },
  };
}

/** What the sim reads from a repository's workflow file: declared dispatch inputs and `run-name`, as GitHub does. */
import { parse } from "yaml";
import { HttpError } from "../http-error.ts";

export interface WorkflowFile {
  /** Declared `on.workflow_dispatch.inputs`: name → required. Null when the file declares no dispatch trigger. */
  inputs: Map<string, { required: boolean; default?: unknown }> | null;
  /** The `run-name:` template, if any. */
  runName: string | null;
}

/** Parse a workflow file; an unparsable one reads as having no declarations (GitHub would refuse to run it). */
export function parseWorkflowFile(text: string): WorkflowFile {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    return { inputs: null, runName: null };
  }
  const root = (doc ?? {}) as Record<string, unknown>;
  const on = root.on ?? root.true; // YAML 1.1 readers turn a bare `on` into true; `yaml` keeps it.
  let inputs: WorkflowFile["inputs"] = null;
  const dispatch =
    on && typeof on === "object" && !Array.isArray(on)
      ? (on as Record<string, unknown>).workflow_dispatch
      : Array.isArray(on) && on.includes("workflow_dispatch")
        ? {}
        : on === "workflow_dispatch"
          ? {}
          : undefined;
  if (dispatch !== undefined) {
    inputs = new Map();
    const declared = ((dispatch ?? {}) as { inputs?: Record<string, unknown> }).inputs ?? {};
    for (const [name, spec] of Object.entries(declared)) {
      const s = (spec ?? {}) as { required?: unknown; default?: unknown };
      inputs.set(name, { required: s.required === true, default: s.default });
    }
  }
  return { inputs, runName: typeof root["run-name"] === "string" ? root["run-name"] : null };
}

/** Refuse inputs the workflow does not declare and required ones missing, with GitHub's 422 messages. */
export function checkDispatchInputs(file: WorkflowFile, given: Record<string, unknown>): void {
  if (file.inputs === null) {
    throw new HttpError(422, "Workflow does not have 'workflow_dispatch' trigger");
  }
  const unexpected = Object.keys(given).filter((k) => !file.inputs?.has(k));
  if (unexpected.length > 0) {
    throw new HttpError(422, `Unexpected inputs provided: ${JSON.stringify(unexpected)}`);
  }
  for (const [name, spec] of file.inputs) {
    if (spec.required && spec.default === undefined && given[name] === undefined) {
      throw new HttpError(422, `Required input '${name}' not provided`);
    }
  }
}

/** Render `run-name` with `${{ inputs.x }}` / `${{ github.event.inputs.x }}`; other expressions render empty. */
export function renderRunName(template: string, inputs: Record<string, unknown>): string {
  return template.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expr: string) => {
    const m = /^(?:github\.event\.)?inputs\.([A-Za-z0-9_-]+)$/.exec(expr);
    const value = m ? inputs[m[1] as string] : undefined;
    return value === undefined || value === null ? "" : String(value);
  });
}

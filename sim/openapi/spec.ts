/** GitHub's OpenAPI description (the generated subset): operations by method and path template, and ajv validators compiled once per schema. */
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import formatsModule from "ajv-formats";
import spec from "./api.github.com.subset.json" with { type: "json" };
import { toJsonSchema } from "./json-schema.ts";

type Obj = Record<string, unknown>;

// CommonJS interop differs by runtime: tsc and Bun see the plugin function, Deno the module whose `default` is it.
const addFormats = ((formatsModule as unknown as { default?: unknown }).default ??
  formatsModule) as unknown as (ajv: Ajv) => Ajv;

/** One served operation of the spec. */
export interface SpecOperation {
  id: string;
  method: string;
  template: string;
  /** Template split on "/" (leading "" dropped). */
  segments: string[];
  documentationUrl: string;
  hasBody: boolean;
}

/** The version of @octokit/openapi the subset was generated from. */
export const SPEC_VERSION: string = spec.info.version;

let ajv: Ajv | null = null;
function getAjv(relax: boolean): Ajv {
  if (relax) return relaxedAjv();
  if (ajv) return ajv;
  ajv = new Ajv({ strict: false, allErrors: true, verbose: true, validateFormats: true });
  addFormats(ajv);
  // GitHub's own format for "owner/name".
  ajv.addFormat("repo.nwo", /^[^/]+\/[^/]+$/);
  ajv.addSchema({ components: toJsonSchema(spec.components) as Obj }, "spec");
  return ajv;
}

let relaxed: Ajv | null = null;
function relaxedAjv(): Ajv {
  if (relaxed) return relaxed;
  relaxed = new Ajv({ strict: false, allErrors: true, validateFormats: false, logger: false });
  relaxed.addSchema({ components: toJsonSchema(spec.components, true) as Obj }, "spec");
  return relaxed;
}

const cache = new Map<string, ValidateFunction>();
function compile(key: string, schema: unknown, relax = false): ValidateFunction {
  const k = `${relax}:${key}`;
  const hit = cache.get(k);
  if (hit) return hit;
  // Refs point into the registered "spec" document.
  const rewritten = JSON.parse(
    JSON.stringify(toJsonSchema(schema, relax)).replaceAll('"#/components/', '"spec#/components/'),
  );
  const v = getAjv(relax).compile(rewritten as Obj);
  cache.set(k, v);
  return v;
}

/** Every served operation. */
export function operations(): SpecOperation[] {
  const out: SpecOperation[] = [];
  for (const [template, item] of Object.entries(spec.paths as Record<string, Obj>)) {
    for (const [method, op] of Object.entries(item)) {
      const o = op as Obj;
      out.push({
        id: o.operationId as string,
        method: method.toUpperCase(),
        template,
        segments: template.split("/").slice(1),
        documentationUrl:
          ((o.externalDocs as Obj | undefined)?.url as string) ?? "https://docs.github.com/rest",
        hasBody: o.requestBody !== undefined,
      });
    }
  }
  return out;
}

function operation(template: string, method: string): Obj {
  return (spec.paths as Record<string, Obj>)[template]![method.toLowerCase()] as Obj;
}

/** Validate a request body; returns ajv errors or null when valid (or when the operation takes no body). */
export function validateRequestBody(op: SpecOperation, body: unknown): ErrorObject[] | null {
  const schema = (
    (operation(op.template, op.method).requestBody as Obj | undefined)?.content as Obj | undefined
  )?.["application/json"] as Obj | undefined;
  if (!schema) return null;
  const v = compile(`req:${op.id}`, schema.schema);
  return v(body) ? null : (v.errors ?? []);
}

/** Validate a response body against the operation's schema for `status`; null when valid or when the spec has no JSON schema for it. */
export function validateResponseBody(
  op: SpecOperation,
  status: number,
  body: unknown,
): ErrorObject[] | null {
  const responses = operation(op.template, op.method).responses as Obj;
  let res = responses[String(status)] as Obj | undefined;
  if (res?.$ref) res = resolveRef(res.$ref as string);
  const schema = ((res?.content as Obj | undefined)?.["application/json"] as Obj | undefined)
    ?.schema;
  if (!schema) return null;
  // GitHub's error responses say oneOf [basic-error, repository-rule-violation-error], two schemas
  // every error body matches at once; anyOf is what the description means.
  const top = schema as Obj;
  const loose = Array.isArray(top.oneOf) ? { anyOf: top.oneOf } : schema;
  const v = compile(`res:${op.id}:${status}`, loose);
  return v(body) ? null : (v.errors ?? []);
}

function resolveRef(ref: string): Obj {
  let node: unknown = spec;
  for (const part of ref.replace(/^#\//, "").split("/")) node = (node as Obj)[part];
  return node as Obj;
}

/** The JSON schema of the webhook `name` (e.g. "pull-request-opened"), or null if the subset lacks it. */
export function webhookSchema(name: string): unknown {
  const hook = (spec["x-webhooks"] as Record<string, Obj>)[name];
  if (!hook) return null;
  return ((((hook.post as Obj).requestBody as Obj).content as Obj)["application/json"] as Obj)
    .schema;
}

/** Validate a webhook payload against its schema: strictly, or `relax`ed (enum values not checked, as new values appear over time). */
export function validateWebhook(
  name: string,
  payload: unknown,
  relax = false,
): ErrorObject[] | null {
  const schema = webhookSchema(name);
  if (!schema)
    return [{ instancePath: "", message: `no schema for webhook ${name}` } as ErrorObject];
  const v = compile(`hook:${name}`, schema, relax);
  return v(payload) ? null : (v.errors ?? []);
}

/** GitHub's 422 message for an invalid body: "Invalid request.\n\n<reason>". */
export function invalidRequestMessage(errors: ErrorObject[]): string {
  const lines = errors.slice(0, 5).map((e) => {
    if (e.keyword === "required")
      return `"${(e.params as { missingProperty: string }).missingProperty}" wasn't supplied.`;
    const where = e.instancePath.split("/").filter(Boolean);
    const prop = where.length ? `For 'properties/${where.join("/")}', ` : "";
    if (e.keyword === "type")
      return `${prop}${JSON.stringify(e.data ?? null)} is not ${(e.params as { type: string }).type === "integer" ? "an" : "a"} ${(e.params as { type: string }).type}.`;
    if (e.keyword === "enum")
      return `${prop}${JSON.stringify(e.data ?? null)} is not a member of ${JSON.stringify((e.params as { allowedValues: unknown[] }).allowedValues)}.`;
    if (e.keyword === "additionalProperties")
      return `${prop}"${(e.params as { additionalProperty: string }).additionalProperty}" is not a permitted key.`;
    return `${prop}${e.message}.`;
  });
  return `Invalid request.\n\n${[...new Set(lines)].join("\n")}`;
}

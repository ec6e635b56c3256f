/**
 * Regenerate sim/openapi/api.github.com.subset.json from GitHub's official OpenAPI description
 * (@octokit/openapi, ~400 MB unpacked): the operations the sim serves, the webhooks it sends, and
 * every component they reference, with prose stripped. Run: `bun scripts/gen-openapi-subset.ts`.
 * The package is fetched with `npm pack` into a temp dir outside the project, never installed.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SENT_WEBHOOKS, SERVED_OPERATIONS } from "../sim/openapi/operations.ts";

const VERSION = process.env.OCTOKIT_OPENAPI_VERSION ?? "23.0.2";
const OUT = new URL("../sim/openapi/api.github.com.subset.json", import.meta.url);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

/** Fetch and unpack the package tarball into a cache dir under the OS temp dir; returns the spec path. */
function fetchSpec(): string {
  const dir = join(tmpdir(), `octokit-openapi-${VERSION}`);
  const spec = join(dir, "package", "generated", "api.github.com.json");
  if (existsSync(spec)) return spec;
  mkdirSync(dir, { recursive: true });
  execFileSync("npm", ["pack", `@octokit/openapi@${VERSION}`, "--silent"], { cwd: dir });
  execFileSync(
    "tar",
    ["xzf", `octokit-openapi-${VERSION}.tgz`, "package/generated/api.github.com.json"],
    { cwd: dir },
  );
  return spec;
}

// Prose and examples are not needed to validate; dropping them keeps the file small.
const DROP = new Set([
  "description",
  "summary",
  "examples",
  "example",
  "x-github",
  "x-octokit",
  "tags",
  "x-github-breaking-changes",
]);

function strip(value: Json): Json {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== "object") return value;
  const out: Obj = {};
  for (const [k, v] of Object.entries(value)) if (!DROP.has(k)) out[k] = strip(v);
  return out;
}

function refs(value: Json, found: Set<string>): void {
  if (Array.isArray(value)) for (const v of value) refs(v, found);
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref" && typeof v === "string") found.add(v);
      else refs(v, found);
    }
  }
}

function resolvePointer(root: Obj, pointer: string): Json {
  let node: Json = root;
  for (const part of pointer.replace(/^#\//, "").split("/")) {
    node = (node as Obj)[part.replace(/~1/g, "/").replace(/~0/g, "~")] as Json;
  }
  return node;
}

const full = JSON.parse(readFileSync(fetchSpec(), "utf8")) as Obj;
const paths: Obj = {};
const wanted = new Set<string>(SERVED_OPERATIONS);
for (const [path, item] of Object.entries(full.paths as Obj)) {
  for (const [method, op] of Object.entries(item as Obj)) {
    const id = (op as Obj).operationId as string | undefined;
    if (!id || !wanted.has(id)) continue;
    wanted.delete(id);
    paths[path] = { ...((paths[path] as Obj) ?? {}), [method]: strip(op) };
  }
}
if (wanted.size > 0) throw new Error(`operations not in the spec: ${[...wanted].join(", ")}`);

const webhooks: Obj = {};
for (const name of SENT_WEBHOOKS) {
  const hook = (full["x-webhooks"] as Obj)[name] as Obj | undefined;
  if (!hook) throw new Error(`webhook not in the spec: ${name}`);
  webhooks[name] = strip(hook);
}

// Pull in referenced components transitively.
const components: Record<string, Obj> = {};
const pending = new Set<string>();
refs(paths, pending);
refs(webhooks, pending);
const done = new Set<string>();
while (pending.size > 0) {
  const ref = pending.values().next().value as string;
  pending.delete(ref);
  if (done.has(ref)) continue;
  done.add(ref);
  const [, , kind, name] = ref.split("/") as [string, string, string, string];
  const value = strip(resolvePointer(full, ref));
  components[kind] ??= {};
  components[kind][name] = value;
  refs(value, pending);
}
const sorted: Obj = {};
for (const kind of Object.keys(components).sort()) {
  sorted[kind] = Object.fromEntries(
    Object.entries(components[kind]!).sort(([a], [b]) => a.localeCompare(b)),
  );
}

const subset = {
  openapi: full.openapi,
  info: {
    title: "Subset of GitHub's REST API description served by sim/",
    version: (full.info as Obj).version,
    "x-source": `@octokit/openapi@${VERSION} generated/api.github.com.json`,
    "x-generated-by": "scripts/gen-openapi-subset.ts",
  },
  paths,
  "x-webhooks": webhooks,
  components: sorted,
};
writeFileSync(OUT, `${JSON.stringify(subset)}\n`);
console.log(
  `wrote ${OUT.pathname}: ${Object.keys(paths).length} paths, ${SENT_WEBHOOKS.length} webhooks, ${done.size} components`,
);

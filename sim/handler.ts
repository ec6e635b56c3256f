/** The web-standard handler: Request → Response. Routing, faults, counters, auth, body validation against GitHub's spec, then the route. */

import { jwtIssuer, verifyAppJwt } from "./auth/jwt.ts";
import { permissionOf } from "./auth/permission.ts";
import type { Clock } from "./clock.ts";
import type { SimCore } from "./core.ts";
import type { Counter, Faults } from "./faults.ts";
import { HttpError } from "./http-error.ts";
import {
  invalidRequestMessage,
  type SpecOperation,
  validateRequestBody,
  validateResponseBody,
} from "./openapi/spec.ts";
import { createRouter } from "./router.ts";
import { routes as actions } from "./routes/actions.ts";
import { routes as apps } from "./routes/apps.ts";
import { routes as checks } from "./routes/checks.ts";
import { routes as contents } from "./routes/contents.ts";
import { routes as git } from "./routes/git.ts";
import { routes as issues } from "./routes/issues.ts";
import { routes as pulls } from "./routes/pulls.ts";
import { routes as repos } from "./routes/repos.ts";
import type { Actor, Reply, RouteContext, RouteDef } from "./routes/types.ts";
import { atLeast, type Repo } from "./state.ts";
import { installationFor } from "./webhooks/context.ts";

const ROUTES: Record<string, RouteDef> = {
  ...apps,
  ...repos,
  ...contents,
  ...git,
  ...pulls,
  ...checks,
  ...issues,
  ...actions,
};

/** A response that did not match GitHub's schema (collected when `validateResponses` is on). */
export interface ResponseViolation {
  route: string;
  status: number;
  errors: string[];
}

export interface HandlerDeps {
  core: SimCore;
  faults: Faults;
  calls: Counter;
  /** The clock app JWTs are checked against (Probot signs with the wall clock). */
  jwtClock: Clock;
  validateResponses: boolean;
  violations: ResponseViolation[];
}

const DOCS = "https://docs.github.com/rest";

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 || body === undefined ? null : JSON.stringify(body), {
    status,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "x-github-api-version-selected": "2022-11-28",
      "x-ratelimit-limit": "5000",
      "x-ratelimit-remaining": "4999",
      "x-ratelimit-reset": "0",
      "x-ratelimit-resource": "core",
      ...headers,
    },
  });
}

function errorBody(op: SpecOperation | null, e: HttpError) {
  return {
    message: e.message,
    documentation_url: op?.documentationUrl ?? DOCS,
    ...e.extra,
    status: String(e.status),
  };
}

async function authenticate(deps: HandlerDeps, header: string | null): Promise<Actor> {
  if (!header) return { kind: "anonymous" };
  const m = /^(token|bearer)\s+(\S+)$/i.exec(header.trim());
  if (!m) throw new HttpError(401, "Bad credentials");
  const token = m[2]!;
  const state = deps.core.state;
  const owner = state.tokens.get(token);
  if (owner?.kind === "user") return { kind: "user", login: owner.login };
  if (owner?.kind === "installation") {
    if (owner.expiresAt.getTime() <= deps.core.clock.now().getTime())
      throw new HttpError(401, "Bad credentials");
    const installation = state.installations.get(owner.installationId)!;
    const app = state.apps.get(installation.appId)!;
    return { kind: "installation", installation, app, login: `${app.slug}[bot]` };
  }
  const iss = jwtIssuer(token);
  const app = iss === null ? undefined : state.apps.get(iss);
  if (!app) throw new HttpError(401, iss === null ? "Bad credentials" : "Integration not found");
  const reason = await verifyAppJwt(token, app.publicKey, deps.jwtClock.now());
  if (reason) throw new HttpError(401, reason);
  return { kind: "app", app };
}

function authorize(
  deps: HandlerDeps,
  def: RouteDef,
  actor: Actor,
  repo: Repo | null,
  method: string,
): void {
  if (def.guard === "public") return;
  if (def.guard === "app-jwt") {
    if (actor.kind !== "app") throw new HttpError(401, "A JSON web token could not be decoded");
    return;
  }
  if (actor.kind === "app") throw new HttpError(403, "Resource not accessible by integration");
  if (def.guard === "authenticated") {
    if (actor.kind === "anonymous") throw new HttpError(401, "Requires authentication");
    return;
  }
  if (!repo) throw new HttpError(404, "Not Found");
  const need = def.level ?? "read";
  if (actor.kind === "installation") {
    if (installationFor(deps.core, repo)?.id !== actor.installation.id)
      throw new HttpError(404, "Not Found");
    const scope = def.scope ?? "metadata";
    const granted = scope === "metadata" ? "read" : actor.installation.permissions[scope];
    const wants = method === "GET" ? "read" : "write";
    if (!granted || (wants === "write" && granted !== "write"))
      throw new HttpError(403, "Resource not accessible by integration");
    return;
  }
  const login = actor.kind === "user" ? actor.login : null;
  const have = permissionOf(deps.core.state, login, repo);
  if (have === "none") throw new HttpError(404, "Not Found");
  if (def.appOnly) throw new HttpError(403, "You must authenticate via a GitHub App.");
  if (!atLeast(have, need)) {
    if (actor.kind === "anonymous") throw new HttpError(401, "Requires authentication");
    throw new HttpError(
      403,
      need === "admin"
        ? "Must have admin rights to Repository."
        : "Must have push access to repository",
    );
  }
}

async function readBody(request: Request, op: SpecOperation): Promise<unknown> {
  if (!op.hasBody) return undefined;
  const text = await request.text();
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "Problems parsing JSON");
  }
}

/** Build `fetch(request)` over the sim's core. */
export function createHandler(deps: HandlerDeps): (request: Request) => Promise<Response> {
  const match = createRouter();
  return async (request) => {
    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    // GitHub Enterprise Server serves the API under /api/v3 (Probot's GHE_HOST): answer there too.
    const path = url.pathname.replace(/^\/api\/v3(?=\/|$)/, "");
    const found = match(method, path);
    if (found === null)
      return json(404, { message: "Not Found", documentation_url: DOCS, status: "404" });
    if (found === "method-not-allowed")
      return json(404, { message: "Not Found", documentation_url: DOCS, status: "404" });
    const { op, params } = found;
    const route = `${method} ${op.template}`;
    deps.calls.add(route);
    const fault = deps.faults.take(route);
    if (fault?.latencyMs) await new Promise((r) => setTimeout(r, fault.latencyMs));
    if (fault?.reply) return json(fault.reply.status, fault.reply.body, fault.reply.headers);
    try {
      const def = ROUTES[op.id];
      if (!def) throw new HttpError(404, "Not Found");
      const actor = await authenticate(deps, request.headers.get("authorization"));
      let body = await readBody(request, op);
      const repo =
        def.guard === "repo"
          ? (deps.core.state.repos.get(`${params.owner}/${params.repo}`.toLowerCase()) ?? null)
          : null;
      authorize(deps, def, actor, repo, method);
      if (op.hasBody) {
        // GitHub treats an absent body as {} for operations whose body is optional.
        const errors = validateRequestBody(op, body ?? {});
        if (errors) throw new HttpError(422, invalidRequestMessage(errors));
        body ??= {};
      }
      const ctx: RouteContext = {
        core: deps.core,
        op,
        params,
        query: url.searchParams,
        path,
        headers: request.headers,
        body,
        actor,
        repo: repo as Repo,
      };
      const reply = await def.handle(ctx);
      return render(deps, op, route, reply);
    } catch (error) {
      if (error instanceof HttpError) {
        return render(deps, op, route, {
          status: error.status,
          body: errorBody(op, error),
          headers: error.headers,
        });
      }
      const message = error instanceof Error ? error.message : String(error);
      return json(500, { message: `sim: ${message}`, documentation_url: DOCS, status: "500" });
    }
  };
}

function render(deps: HandlerDeps, op: SpecOperation, route: string, reply: Reply): Response {
  if (reply.raw)
    return new Response(reply.raw as Uint8Array<ArrayBuffer>, {
      status: reply.status,
      headers: {
        "content-type": reply.contentType ?? "application/octet-stream",
        ...reply.headers,
      },
    });
  if (deps.validateResponses && reply.body !== undefined) {
    const errors = validateResponseBody(op, reply.status, reply.body);
    if (errors)
      deps.violations.push({
        route,
        status: reply.status,
        errors: errors.slice(0, 10).map((e) => `${e.instancePath} ${e.message}`),
      });
  }
  return json(reply.status, reply.body, reply.headers);
}

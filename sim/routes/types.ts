/** The contract between the handler and the per-resource route files. */
import type { SimCore } from "../core.ts";
import type { SpecOperation } from "../openapi/spec.ts";
import type { App, Installation, Permission, Repo } from "../state.ts";

/** Who is calling. */
export type Actor =
  | { kind: "anonymous" }
  | { kind: "user"; login: string }
  | { kind: "installation"; installation: Installation; app: App; login: string }
  | { kind: "app"; app: App };

/** What a route gets. `repo` is set for /repos/{owner}/{repo}/... routes once access was checked. */
export interface RouteContext {
  core: SimCore;
  op: SpecOperation;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The request's path, as sent (without a GitHub Enterprise `/api/v3` prefix). */
  path: string;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: request bodies are validated against the spec before routes see them.
  body: any;
  actor: Actor;
  repo: Repo;
}

/** A reply: JSON `body`, or raw bytes with a content type. */
export interface Reply {
  status: number;
  body?: unknown;
  raw?: Uint8Array;
  contentType?: string;
  headers?: Record<string, string>;
}

/** How a route is guarded and what it does. */
export interface RouteDef {
  /**
   * "repo": needs `level` on the repository (and `scope` for installations);
   * "app-jwt": needs an app JWT; "authenticated": any token; "public": none.
   */
  guard: "repo" | "app-jwt" | "authenticated" | "public";
  level?: Permission;
  /** The app permission an installation token needs (e.g. "contents", "pull_requests"). */
  scope?: string;
  /** Only GitHub Apps may call it (check runs). */
  appOnly?: boolean;
  handle(ctx: RouteContext): Promise<Reply> | Reply;
}

/** The login that acts for `actor` (an app's bot user for installations). */
export function actorLogin(actor: Actor): string {
  if (actor.kind === "user" || actor.kind === "installation") return actor.login;
  if (actor.kind === "app") return `${actor.app.slug}[bot]`;
  return "ghost";
}

/** JSON 200 reply. */
export const ok = (body: unknown, status = 200): Reply => ({ status, body });

/** Slice `list` by `per_page`/`page` and add GitHub's Link header, pointing at this request's URL. */
export function paginate<T>(
  ctx: RouteContext,
  list: T[],
): { items: T[]; headers: Record<string, string> } {
  const url = `${ctx.core.api}${ctx.path}`;
  const perPage = Math.min(Math.max(Number(ctx.query.get("per_page") ?? 30) || 30, 1), 100);
  const page = Math.max(Number(ctx.query.get("page") ?? 1) || 1, 1);
  const items = list.slice((page - 1) * perPage, page * perPage);
  const last = Math.max(Math.ceil(list.length / perPage), 1);
  const link = (p: number, rel: string) => {
    const q = new URLSearchParams(ctx.query);
    q.set("per_page", String(perPage));
    q.set("page", String(p));
    return `<${url}?${q}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page < last) links.push(link(page + 1, "next"), link(last, "last"));
  if (page > 1) links.push(link(1, "first"), link(page - 1, "prev"));
  return { items, headers: links.length ? { link: links.join(", ") } : {} };
}

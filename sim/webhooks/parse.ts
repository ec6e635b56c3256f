/** The one path every webhook goes through before use: verify the JSON, then check the fields GitHub always sends for the event. */

type Kind = "string" | "number" | "boolean" | "object" | "array";

// The fields each event always carries (the ones receivers rely on); enum values and newer optional fields are not checked.
const COMMON_REPO: [string, Kind][] = [
  ["repository.id", "number"],
  ["repository.name", "string"],
  ["repository.full_name", "string"],
  ["repository.owner.login", "string"],
  ["sender.login", "string"],
];

const SHAPES: Record<string, [string, Kind][]> = {
  push: [
    ["ref", "string"],
    ["before", "string"],
    ["after", "string"],
    ["commits", "array"],
    ["pusher.name", "string"],
    ...COMMON_REPO,
  ],
  pull_request: [
    ["action", "string"],
    ["number", "number"],
    ["pull_request.number", "number"],
    ["pull_request.state", "string"],
    ["pull_request.title", "string"],
    ["pull_request.user.login", "string"],
    ["pull_request.head.ref", "string"],
    ["pull_request.head.sha", "string"],
    ["pull_request.base.ref", "string"],
    ["pull_request.base.sha", "string"],
    ...COMMON_REPO,
  ],
  pull_request_review: [
    ["action", "string"],
    ["review.id", "number"],
    ["review.state", "string"],
    ["review.user.login", "string"],
    ["pull_request.number", "number"],
    ["pull_request.head.sha", "string"],
    ...COMMON_REPO,
  ],
  issue_comment: [
    ["action", "string"],
    ["issue.number", "number"],
    ["comment.id", "number"],
    ["comment.body", "string"],
    ["comment.user.login", "string"],
    ...COMMON_REPO,
  ],
  check_run: [
    ["action", "string"],
    ["check_run.id", "number"],
    ["check_run.name", "string"],
    ["check_run.head_sha", "string"],
    ["check_run.status", "string"],
    ...COMMON_REPO,
  ],
  workflow_run: [
    ["action", "string"],
    ["workflow_run.id", "number"],
    ["workflow_run.status", "string"],
    ["workflow_run.head_sha", "string"],
    ["workflow_run.workflow_id", "number"],
    ...COMMON_REPO,
  ],
  repository_dispatch: [
    ["action", "string"],
    ["branch", "string"],
    ["client_payload", "object"],
    ...COMMON_REPO,
  ],
  installation: [
    ["action", "string"],
    ["installation.id", "number"],
    ["installation.account.login", "string"],
    ["sender.login", "string"],
  ],
};

/** Events whose shape is checked (the ones the bot subscribes to). */
export const PARSED_EVENTS = Object.keys(SHAPES);

export type ParsedWebhook =
  | { ok: true; name: string; payload: Record<string, unknown> }
  | { ok: false; errors: string[] };

function kindOf(v: unknown): Kind | "null" | "undefined" {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v as Kind | "undefined";
}

/** Parse a webhook body (string or already-parsed payload) of event `name` and check its shape; errors name the field. */
export function parseWebhook(name: string, body: string | Record<string, unknown>): ParsedWebhook {
  let payload: unknown = body;
  if (typeof body === "string") {
    try {
      payload = JSON.parse(body);
    } catch {
      return { ok: false, errors: ["body is not JSON"] };
    }
  }
  if (kindOf(payload) !== "object") return { ok: false, errors: ["payload is not an object"] };
  const shape = SHAPES[name];
  if (!shape) return { ok: false, errors: [`unsupported event "${name}"`] };
  const errors: string[] = [];
  for (const [path, kind] of shape) {
    let v: unknown = payload;
    for (const key of path.split("."))
      v = v === null || typeof v !== "object" ? undefined : (v as Record<string, unknown>)[key];
    const got = kindOf(v);
    if (got !== kind) errors.push(`${path}: expected ${kind}, got ${got}`);
  }
  return errors.length
    ? { ok: false, errors }
    : { ok: true, name, payload: payload as Record<string, unknown> };
}

/** Faults on demand for API calls (5xx, 429, secondary rate limits, latency) and call counters per route. */

/** A fault rule: applies to calls whose route ("GET /repos/{owner}/{repo}/pulls/{pull_number}") matches `route`. */
export interface FaultRule {
  /** Route key or a RegExp over it; omitted: every route. */
  route?: string | RegExp;
  /** Answer with this status instead of serving: 500, 502, 503, 429, or 403 (a secondary rate limit). */
  status?: 500 | 502 | 503 | 429 | 403;
  /** Seconds for `retry-after` on 429/403 (default 60). */
  retryAfter?: number;
  /** How many matching calls it affects (default 1). */
  times?: number;
  /** Delay before answering, in real milliseconds. */
  latencyMs?: number;
}

export interface FaultReply {
  status: number;
  body: { message: string; documentation_url: string };
  headers: Record<string, string>;
}

export class Faults {
  private rules: (FaultRule & { left: number })[] = [];

  /** Add a rule. */
  inject(rule: FaultRule): void {
    this.rules.push({ ...rule, left: rule.times ?? 1 });
  }

  /** Remove every rule. */
  clear(): void {
    this.rules = [];
  }

  /** Consume the first rule matching `route`; returns the latency to wait and the reply to send instead (if any). */
  take(route: string): { latencyMs: number; reply: FaultReply | null } | null {
    const rule = this.rules.find((r) => r.left > 0 && matches(r.route, route));
    if (!rule) return null;
    rule.left--;
    this.rules = this.rules.filter((r) => r.left > 0);
    return {
      latencyMs: rule.latencyMs ?? 0,
      reply: rule.status ? replyFor(rule.status, rule.retryAfter ?? 60) : null,
    };
  }
}

function matches(pattern: FaultRule["route"], route: string): boolean {
  if (pattern === undefined) return true;
  return typeof pattern === "string" ? pattern === route : pattern.test(route);
}

function replyFor(status: number, retryAfter: number): FaultReply {
  const docs = "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api";
  if (status === 403) {
    return {
      status,
      body: {
        message:
          "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
        documentation_url: `${docs}#about-secondary-rate-limits`,
      },
      headers: { "retry-after": String(retryAfter) },
    };
  }
  if (status === 429)
    return {
      status,
      body: { message: "Too Many Requests", documentation_url: docs },
      headers: { "retry-after": String(retryAfter) },
    };
  const message =
    status === 502
      ? "Server Error"
      : status === 503
        ? "Service Unavailable"
        : "Internal Server Error";
  return {
    status,
    body: { message, documentation_url: "https://docs.github.com/rest" },
    headers: {},
  };
}

/** Counts per key (API routes, webhook events), resettable so benchmarks can count per pipeline stage. */
export class Counter {
  readonly counts = new Map<string, number>();

  /** Add one to `key`. */
  add(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Counts as a plain sorted object. */
  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** The total over all keys. */
  total(): number {
    let n = 0;
    for (const v of this.counts.values()) n += v;
    return n;
  }

  /** Forget every count. */
  reset(): void {
    this.counts.clear();
  }
}

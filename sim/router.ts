/** Match a request path against the spec's path templates: split the raw path on "/", then decode each segment. */
import { operations, type SpecOperation } from "./openapi/spec.ts";

export interface RouteMatch {
  op: SpecOperation;
  params: Record<string, string>;
}

// Parameters that take the rest of the path (curl users send "contents/a/b.yaml"; Octokit sends "a%2Fb.yaml").
const GREEDY = new Set(["path", "ref", "branch"]);

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** Build a matcher over every served operation; literal segments win over parameters. */
export function createRouter(): (
  method: string,
  rawPath: string,
) => RouteMatch | "method-not-allowed" | null {
  const ops = operations().sort((a, b) => literalScore(b) - literalScore(a));
  return (method, rawPath) => {
    const raw = rawPath.replace(/^\/+/, "").split("/");
    const segments = raw.map(decode);
    if (segments.some((s) => s === null)) return null;
    let pathMatched = false;
    for (const op of ops) {
      const params = matchSegments(op.segments, segments as string[]);
      if (!params) continue;
      pathMatched = true;
      if (op.method === method) return { op, params };
    }
    return pathMatched ? "method-not-allowed" : null;
  };
}

function literalScore(op: SpecOperation): number {
  return op.segments.filter((s) => !s.startsWith("{")).length * 100 - op.segments.length;
}

function matchSegments(template: string[], path: string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const t = template[i]!;
    const isParam = /^\{[^}]+\}$/.test(t);
    if (!isParam) {
      if (t.includes("{")) {
        // A segment mixing literals and parameters, e.g. "{base}...{head}".
        const names: string[] = [];
        const re = t.replace(/\{([^}]+)\}|[^{]+/g, (m, name: string | undefined) => {
          if (name === undefined) return m.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
          names.push(name);
          return "(.+?)";
        });
        const m = new RegExp(`^${re}$`).exec(path[i] ?? "");
        if (!m) return null;
        names.forEach((name, k) => {
          params[name] = m[k + 1]!;
        });
        continue;
      }
      if (path[i] !== t) return null;
      continue;
    }
    const name = t.slice(1, -1);
    if (i === template.length - 1 && GREEDY.has(name)) {
      if (path.length < template.length - (name === "path" ? 1 : 0)) return null;
      params[name] = path.slice(i).join("/");
      return params;
    }
    const value = path[i];
    if (value === undefined || value === "") return null;
    params[name] = value;
  }
  return path.length === template.length ? params : null;
}

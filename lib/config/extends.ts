/** `_extends` in .github/mlops.yml (Probot's convention): inherit another repository's file, deep-merged, local keys winning. */
import type { Diagnostic, ValidationResult } from "../diagnostics.ts";
import type { PathSegment } from "./context.ts";
import type { MlopsConfig } from "./types.gen.ts";
import { type Locate, ordered, validateValue } from "./validate-value.ts";
import { hasPath, type ParsedYaml, parseYaml, pathDepth, positionOf } from "./yaml-document.ts";

/** A parsed `_extends` value: `repo`, `owner/repo` or `owner/repo:path.yml`. */
export interface ExtendsRef {
  /** As written. */
  raw: string;
  /** Undefined: the same owner as the file that extends. */
  owner?: string;
  repo: string;
  /** The file in that repository (default `.github/mlops.yml`). */
  path: string;
}

/** Fetches the file an `_extends` names; null when it does not exist. `from` is the file that asked. */
export type ResolveExtends = (
  ref: ExtendsRef & { from: string },
) => Promise<{ file: string; text: string } | null>;

// Same shape as Probot's config plugin: an optional GitHub owner, a repo, an optional .yml path.
const EXTENDS =
  /^(?:([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})\/)?([A-Za-z0-9._-]+)(?::([A-Za-z0-9._/-]+\.ya?ml))?$/;

/** The default file an `_extends` without a path points at. */
export const DEFAULT_EXTENDS_PATH = ".github/mlops.yml";

// A chain longer than this is almost certainly a mistake; Probot itself stops much earlier.
const MAX_CHAIN = 10;

/** Parse an `_extends` value; undefined when it has none of the accepted shapes. */
export function parseExtendsRef(raw: string): ExtendsRef | undefined {
  const match = EXTENDS.exec(raw);
  if (!match) return undefined;
  const [, owner, repo, path] = match;
  return {
    raw,
    ...(owner !== undefined ? { owner } : {}),
    repo: repo!,
    path: path ?? DEFAULT_EXTENDS_PATH,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Deep-merge `local` over `base`: mappings merge key by key, anything else in `local` replaces. */
export function mergeConfig(base: unknown, local: unknown): unknown {
  if (!isRecord(base) || !isRecord(local)) return local;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(local)) {
    merged[key] = key in base ? mergeConfig(base[key], value) : value;
  }
  return merged;
}

function withoutExtends(value: unknown): unknown {
  if (!isRecord(value)) return value;
  const { _extends: _ignored, ...rest } = value;
  return rest;
}

// A path belongs to the nearest file of the chain that holds all of it, else the one holding most of it.
function locateInChain(chain: ParsedYaml[]): Locate {
  return (path, anchor) => {
    let best = chain[0]!;
    let bestDepth = -1;
    for (const parsed of chain) {
      if (hasPath(parsed, path)) {
        best = parsed;
        break;
      }
      const depth = pathDepth(parsed, path);
      if (depth > bestDepth) {
        best = parsed;
        bestDepth = depth;
      }
    }
    return { file: best.file, ...positionOf(best, path, anchor), path: path.map(String).join(".") };
  };
}

function errorAt(parsed: ParsedYaml, path: PathSegment[], message: string): Diagnostic {
  return { file: parsed.file, ...positionOf(parsed, path), path: path.join("."), message };
}

/** Load .github/mlops.yml with its `_extends` chain resolved, merged and validated as one; never throws. */
export async function loadMlopsConfig(params: {
  file: string;
  text: string;
  resolveExtends: ResolveExtends;
}): Promise<ValidationResult<MlopsConfig> & { files: string[] }> {
  const chain: ParsedYaml[] = [parseYaml(params.file, params.text)];
  const errors: Diagnostic[] = [...chain[0]!.errors];
  const warnings: Diagnostic[] = [...chain[0]!.warnings];
  while (errors.length === 0) {
    const current = chain[chain.length - 1]!;
    if (!isRecord(current.value) || current.value._extends === undefined) break;
    const raw = current.value._extends;
    const at = ["_extends"];
    if (typeof raw !== "string") {
      errors.push(
        errorAt(current, at, "expected a string: repo, owner/repo or owner/repo:path.yml"),
      );
      break;
    }
    const ref = parseExtendsRef(raw);
    if (!ref) {
      errors.push(
        errorAt(
          current,
          at,
          `"${raw}" is not valid; write repo, owner/repo or owner/repo:path/to/file.yml`,
        ),
      );
      break;
    }
    if (chain.length > MAX_CHAIN) {
      errors.push(
        errorAt(
          current,
          at,
          `more than ${MAX_CHAIN} files extend each other; shorten the _extends chain`,
        ),
      );
      break;
    }
    let found: { file: string; text: string } | null;
    try {
      found = await params.resolveExtends({ ...ref, from: current.file });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      errors.push(
        errorAt(
          current,
          at,
          `cannot read "${raw}" (${reason}); check the repository's access and retry`,
        ),
      );
      break;
    }
    if (!found) {
      errors.push(
        errorAt(
          current,
          at,
          `cannot find "${raw}"; check that the repository and file exist and the app can read them`,
        ),
      );
      break;
    }
    const seen = chain.map((p) => p.file);
    if (seen.includes(found.file)) {
      const cycle = [...seen.slice(seen.indexOf(found.file)), found.file].join(" → ");
      errors.push(
        errorAt(current, at, `"${raw}" forms a cycle (${cycle}); remove one of the _extends`),
      );
      break;
    }
    const base = parseYaml(found.file, found.text);
    errors.push(...base.errors);
    warnings.push(...base.warnings);
    if (base.errors.length === 0 && !isRecord(base.value)) {
      errors.push(
        errorAt(
          base,
          [],
          `expected a mapping of settings, extended from ${current.file}; fix ${found.file}`,
        ),
      );
    }
    chain.push(base);
  }
  const files = chain.map((p) => p.file);
  if (errors.length > 0) {
    return {
      valid: false,
      errors: ordered(errors, files),
      warnings: ordered(warnings, files),
      files,
    };
  }

  let merged: unknown = {};
  for (let i = chain.length - 1; i >= 0; i--)
    merged = mergeConfig(merged, withoutExtends(chain[i]!.value));
  if (chain.length === 1) merged = chain[0]!.value;
  const result = validateValue<MlopsConfig>({
    value: merged,
    kind: "mlops",
    file: params.file,
    locate: locateInChain(chain),
    files,
  });
  return { ...result, warnings: ordered([...warnings, ...result.warnings], files), files };
}

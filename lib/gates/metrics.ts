/** Metrics intake: the metrics JSON a training script writes, in the three shapes seen in the wild. */
import type { MetricSet, Parsed } from "./types.ts";

// Python's json.dump writes NaN and Infinity bare, which is not JSON. Quote them (outside strings)
// so that the value reaches the per-key check and its message names the key.
const BARE_NON_FINITE = /"(?:[^"\\]|\\.)*"|(-?(?:NaN|Infinity))\b/g;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return JSON.parse(
      text.replace(BARE_NON_FINITE, (match, bare: string | undefined) =>
        bare ? `"${bare}"` : match,
      ),
    );
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") {
    if (/^-?(NaN|Infinity)$/.test(value)) return value;
    return `"${value}" (a string)`;
  }
  if (typeof value === "object") return "an object";
  return `${String(value)} (a ${typeof value})`;
}

function checkValue(source: string, key: string, value: unknown, errors: string[]): number | null {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  errors.push(
    `${source}: metric "${key}" is ${describe(value)}, not a finite number; write it as a number or leave it out`,
  );
  return null;
}

interface MlflowEntry {
  key: string;
  value: unknown;
  step?: number;
  timestamp?: number;
}

function isMlflowEntry(item: unknown): item is MlflowEntry {
  return typeof item === "object" && item !== null && typeof (item as MlflowEntry).key === "string";
}

// MLflow logs a metric once per step: the value of the highest step (then the latest timestamp) is the final one.
function fromMlflow(source: string, list: unknown[], errors: string[]): Record<string, number> {
  const latest = new Map<string, MlflowEntry>();
  list.forEach((item, index) => {
    if (!isMlflowEntry(item) || !("value" in item)) {
      errors.push(
        `${source}: entry ${index} is not {"key": ..., "value": ...}; write MLflow-style entries or a flat {"name": number} object`,
      );
      return;
    }
    const seen = latest.get(item.key);
    const later =
      !seen ||
      (item.step ?? 0) > (seen.step ?? 0) ||
      ((item.step ?? 0) === (seen.step ?? 0) && (item.timestamp ?? 0) >= (seen.timestamp ?? 0));
    if (later) latest.set(item.key, item);
  });
  const values: Record<string, number> = {};
  for (const [key, entry] of latest) {
    const value = checkValue(source, key, entry.value, errors);
    if (value !== null) values[key] = value;
  }
  return values;
}

function fromObject(
  source: string,
  object: Record<string, unknown>,
  errors: string[],
): Record<string, number> {
  const values: Record<string, number> = {};
  for (const [key, raw] of Object.entries(object)) {
    const value = checkValue(source, key, raw, errors);
    if (value !== null) values[key] = value;
  }
  return values;
}

/**
 * Read a metrics JSON: flat `{"accuracy": 0.91}`, nested `{"metrics": {...}}` (other keys ignored),
 * or MLflow-style `[{"key": "accuracy", "value": 0.91, "step": 3}]` (also under `metrics`).
 */
export function parseMetrics(params: { source: string; text: string }): Parsed<MetricSet> {
  const { source, text } = params;
  let document: unknown;
  try {
    document = parseJson(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      errors: [`${source}: not valid JSON (${reason}); write the metrics as a JSON object`],
    };
  }
  const inner =
    typeof document === "object" &&
    document !== null &&
    !Array.isArray(document) &&
    "metrics" in document &&
    typeof document.metrics === "object" &&
    document.metrics !== null
      ? document.metrics
      : document;
  const errors: string[] = [];
  let values: Record<string, number>;
  if (Array.isArray(inner)) values = fromMlflow(source, inner, errors);
  else if (typeof inner === "object" && inner !== null)
    values = fromObject(source, inner as Record<string, unknown>, errors);
  else {
    return {
      ok: false,
      errors: [
        `${source}: holds ${describe(inner)}, not metrics; write a JSON object like {"accuracy": 0.91}`,
      ],
    };
  }
  if (errors.length > 0) return { ok: false, errors };
  if (Object.keys(values).length === 0) {
    return {
      ok: false,
      errors: [`${source}: has no metrics; write a JSON object like {"accuracy": 0.91}`],
    };
  }
  return { ok: true, value: { source, values } };
}

/** How numbers and bounds read in gate messages and reports (the seed's four decimals). */
import type { Bound } from "./types.ts";

/** A metric value as users read it: integers as they are, others to four decimals (the seed's `:.4f`). */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  if (Number.isInteger(value)) return String(value);
  // Tiny values would print as 0.0000; keep three significant digits instead.
  return Math.abs(value) >= 1e-3 ? value.toFixed(4) : value.toPrecision(3);
}

/** A difference with its sign: `+0.0100`, `-0.0200`, `0`. */
export function formatDelta(value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  const text = formatNumber(Math.abs(value));
  if (value > 0) return `+${text}`;
  if (value < 0) return `-${text}`;
  return text;
}

/** A fraction as a percentage: 0.02 → `2.00%`. */
export function formatPercent(value: number): string {
  return `${(value * 100).toFixed(2)}%`;
}

/** A bound as users read it: `≥ 0.8500`, `≤ 120`, `within [0.8000, 1]`. */
export function formatBound(bound: Bound): string {
  if (bound.min !== undefined && bound.max !== undefined) {
    return `within [${formatNumber(bound.min)}, ${formatNumber(bound.max)}]`;
  }
  if (bound.min !== undefined) return `≥ ${formatNumber(bound.min)}`;
  if (bound.max !== undefined) return `≤ ${formatNumber(bound.max)}`;
  return "any value";
}

/** Where a value falls against a bound; equality passes (the seed fails only `accuracy < min`). */
export function checkBound(value: number, bound: Bound): "below" | "above" | "within" {
  if (bound.min !== undefined && value < bound.min) return "below";
  if (bound.max !== undefined && value > bound.max) return "above";
  return "within";
}

/** The sentence for a value against a bound: `accuracy 0.8412 below threshold 0.8500`. */
export function boundMessage(metric: string, value: number, bound: Bound): string {
  const where = checkBound(value, bound);
  const observed = formatNumber(value);
  if (where === "below") return `${metric} ${observed} below threshold ${formatNumber(bound.min)}`;
  if (where === "above") return `${metric} ${observed} above threshold ${formatNumber(bound.max)}`;
  return `${metric} ${observed} ${formatBound(bound)}`;
}

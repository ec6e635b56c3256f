import { describe, expect, test } from "bun:test";
import {
  DRIFT_METHODS,
  type DriftMethod,
  defaultDriftMethod,
  driftColumn,
} from "../../lib/data/drift/index.ts";
import expected from "../fixtures/drift/expected.json" with { type: "json" };
import { generateSample, type SampleSpec } from "../fixtures/drift/samples.ts";

type Expected = { score: number | null; drifted: boolean };
type Case = {
  name: string;
  kind: "numeric" | "categorical";
  reference: SampleSpec;
  current: SampleSpec;
  referenceRows: number;
  uniqueValues: number;
  defaultMethod: DriftMethod;
  scores: Record<string, Expected>;
};

const cases = expected.cases as unknown as Case[];

/** |a − b| ≤ 1e-6 · max(|a|, |b|): the agreement the issue asks of every score. */
function relativeError(actual: number, wanted: number): number {
  if (actual === wanted) return 0;
  return Math.abs(actual - wanted) / Math.max(Math.abs(actual), Math.abs(wanted));
}

const rows = cases.flatMap((c) =>
  Object.entries(c.scores).map(([method, want]) => ({ c, method: method as DriftMethod, want })),
);

describe("drift scores agree with scipy (fixtures from scripts/gen-drift-fixtures.py)", () => {
  test.each(rows.map((r) => [`${r.c.name} / ${r.method}`, r] as const))("%s", (_name, r) => {
    const result = driftColumn({
      reference: generateSample(r.c.reference),
      current: generateSample(r.c.current),
      kind: r.c.kind,
      method: r.method,
    });
    expect(result.method).toBe(r.method);
    if (r.want.score === null) {
      // scipy's chisquare has no degree of freedom for one category and answers NaN; we answer 1.
      expect([r.method, result.score]).toEqual(["chisquare", 1]);
    } else {
      expect(relativeError(result.score, r.want.score)).toBeLessThanOrEqual(1e-6);
    }
    expect(result.drifted).toBe(r.want.drifted);
  });
});

describe("default method as Evidently picks it", () => {
  test.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    expect(
      defaultDriftMethod({
        kind: c.kind,
        referenceRows: c.referenceRows,
        uniqueValues: c.uniqueValues,
      }),
    ).toBe(c.defaultMethod);
    const result = driftColumn({
      reference: generateSample(c.reference),
      current: generateSample(c.current),
      kind: c.kind,
    });
    expect(result.method).toBe(c.defaultMethod);
    expect(result.threshold).toBe(["ks", "z", "chisquare"].includes(c.defaultMethod) ? 0.05 : 0.1);
    expect(result.drifted).toBe(c.scores[c.defaultMethod]!.drifted);
  });
});

test("every method has fixtures", () => {
  const covered = new Set(rows.map((r) => r.method));
  expect([...covered].sort()).toEqual([...DRIFT_METHODS].sort());
});

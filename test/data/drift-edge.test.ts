import { describe, expect, test } from "bun:test";
import { isDrifted } from "../../lib/data/drift/default-method.ts";
import {
  type DriftColumnParams,
  DriftError,
  defaultDriftMethod,
  driftColumn,
} from "../../lib/data/drift/index.ts";
import { chiSquareSf, gammaQ, logGamma, normalSf } from "../../lib/data/drift/special.ts";

const f = (...values: number[]) => Float64Array.from(values);

describe("defaultDriftMethod: Evidently's choice by reference rows and distinct values", () => {
  const table = [
    // [kind, referenceRows, uniqueValues, method]
    ["numeric", 1000, 1, "z"],
    ["numeric", 1000, 2, "z"],
    ["numeric", 1000, 3, "chisquare"],
    ["numeric", 1000, 5, "chisquare"],
    ["numeric", 1000, 6, "ks"],
    ["numeric", 1, 6, "ks"],
    ["categorical", 1000, 2, "z"],
    ["categorical", 1000, 3, "chisquare"],
    ["categorical", 1000, 50, "chisquare"],
    ["numeric", 1001, 1, "jensenshannon"],
    ["numeric", 1001, 5, "jensenshannon"],
    ["numeric", 1001, 6, "wasserstein"],
    ["numeric", 1_000_000, 900_000, "wasserstein"],
    ["categorical", 1001, 2, "jensenshannon"],
    ["categorical", 1001, 40, "jensenshannon"],
  ] as const;
  test.each(table)("%s, %d rows, %d unique → %s", (kind, referenceRows, uniqueValues, method) => {
    expect(defaultDriftMethod({ kind, referenceRows, uniqueValues })).toBe(method);
  });
});

describe("verdicts at the threshold: p < t (ks: p ≤ t), distance ≥ t, NaN never", () => {
  const table = [
    ["ks", 0.05, true],
    ["ks", 0.0500001, false],
    ["z", 0.05, false],
    ["z", 0.0499999, true],
    ["chisquare", 0.05, false],
    ["wasserstein", 0.1, true],
    ["wasserstein", 0.0999999, false],
    ["jensenshannon", 0.1, true],
    ["psi", 0.1, true],
    ["kl_div", 0.0999999, false],
    ["hellinger", 0.1, true],
    ["hellinger", Number.NaN, false],
    ["z", Number.NaN, false],
  ] as const;
  test.each(table)("%s at %d → %p", (method, score, drifted) => {
    expect(
      isDrifted(
        method,
        score,
        method === "ks" || method === "z" || method === "chisquare" ? 0.05 : 0.1,
      ),
    ).toBe(drifted);
  });
});

describe("what counts: rows and distinct values after dropping NaN, ±Infinity and null", () => {
  const table: [string, DriftColumnParams, string][] = [
    // 1001 values, but one NaN leaves 1000 reference rows: ks, not wasserstein.
    [
      "NaN is not a reference row",
      {
        kind: "numeric",
        reference: Float64Array.from({ length: 1001 }, (_, i) => (i === 0 ? Number.NaN : i % 7)),
        current: Float64Array.from({ length: 10 }, (_, i) => i % 7),
      },
      "ks",
    ],
    [
      "±Infinity is missing too",
      {
        kind: "numeric",
        reference: f(1, 2, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
        current: f(1, 2, 2),
      },
      "z",
    ],
    [
      "distinct values span both sides",
      { kind: "numeric", reference: f(1, 1, 2), current: f(3, 3) },
      "chisquare",
    ],
    ["-0 and 0 are one value", { kind: "numeric", reference: f(-0, 0, 1), current: f(0, 1) }, "z"],
    [
      "null is not a category",
      { kind: "categorical", reference: ["a", null, "b"], current: [null, "a"] },
      "z",
    ],
    [
      "the empty string is a category",
      { kind: "categorical", reference: ["a", "", "b"], current: ["a"] },
      "chisquare",
    ],
  ];
  test.each(table)("%s", (_name, params, method) => {
    expect(driftColumn(params).method).toBe(method as never);
  });
});

describe("edge cases", () => {
  test("identical constant columns: z-test p = 1, no drift", () => {
    expect(driftColumn({ kind: "numeric", reference: f(4, 4, 4), current: f(4, 4) })).toEqual({
      method: "z",
      score: 1,
      threshold: 0.05,
      drifted: false,
    });
  });
  test("constant but different columns: z = -√5, drift", () => {
    const r = driftColumn({ kind: "numeric", reference: f(4, 4, 4), current: f(5, 5) });
    expect([r.method, r.drifted]).toEqual(["z", true]);
    // scipy: 2 * (1 - norm.cdf(sqrt(5)))
    expect(r.score).toBeCloseTo(0.0253473186774682, 14);
  });
  test("a single category under chisquare: no degree of freedom, p = 1", () => {
    expect(
      driftColumn({
        kind: "categorical",
        reference: ["a", "a"],
        current: ["a"],
        method: "chisquare",
      }),
    ).toEqual({ method: "chisquare", score: 1, threshold: 0.05, drifted: false });
  });
  test("a constant reference is normed by the 0.001 floor", () => {
    const r = driftColumn({
      kind: "numeric",
      reference: f(2, 2, 2),
      current: f(2, 3),
      method: "wasserstein",
    });
    // W1 between {2,2,2} and {2,3} is 1/2; divided by 0.001.
    expect(r.score).toBeCloseTo(500, 9);
    expect(r.drifted).toBe(true);
  });
  test("ties: ks on identical samples has D = 0 and p = 1", () => {
    const x = f(1, 1, 2, 2, 2, 3);
    expect(driftColumn({ kind: "numeric", reference: x, current: x, method: "ks" }).score).toBe(1);
  });
  test("a given threshold replaces the default, with the method's direction", () => {
    const params = { kind: "numeric" as const, reference: f(1, 2, 3, 4), current: f(2, 3, 4, 5) };
    const wasserstein = driftColumn({ ...params, method: "wasserstein", threshold: 0.9 });
    expect([wasserstein.threshold, wasserstein.drifted]).toEqual([0.9, false]);
    const ks = driftColumn({ ...params, method: "ks", threshold: 1 });
    expect([ks.threshold, ks.drifted]).toEqual([1, true]);
  });
});

describe("refusals are DriftErrors with one line that names the fix", () => {
  const table: [string, DriftColumnParams, string, string][] = [
    [
      "reference empty after dropping NaN",
      { kind: "numeric", reference: f(Number.NaN, Number.NaN), current: f(1) },
      "empty_reference",
      "the reference data has no non-missing values in this column; fill it or leave the column out of drift",
    ],
    [
      "current empty after dropping null",
      { kind: "categorical", reference: ["a"], current: [null, null] },
      "empty_current",
      "the current data has no non-missing values in this column; fill it or leave the column out of drift",
    ],
    [
      "current with no rows at all",
      { kind: "numeric", reference: f(1), current: f() },
      "empty_current",
      "the current data has no non-missing values in this column; fill it or leave the column out of drift",
    ],
    [
      "ks on a categorical column",
      { kind: "categorical", reference: ["a"], current: ["b"], method: "ks" },
      "method_kind",
      "drift method ks needs a numeric column; use chisquare, z, jensenshannon, psi, kl_div or hellinger",
    ],
    [
      "an unknown method",
      { kind: "numeric", reference: f(1), current: f(1), method: "t_test" as never },
      "unknown_method",
      'unknown drift method "t_test"; use one of ks, z, chisquare, wasserstein, jensenshannon, psi, kl_div, hellinger',
    ],
    [
      "strings given for a numeric column",
      { kind: "numeric", reference: ["1"], current: ["2"] },
      "input",
      "numeric drift needs Float64Array columns (NaN = missing)",
    ],
  ];
  test.each(table)("%s", (_name, params, code, message) => {
    let error: unknown;
    try {
      driftColumn(params);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DriftError);
    expect([(error as DriftError).code, (error as DriftError).message]).toEqual([code, message]);
  });
});

describe("special functions against closed forms", () => {
  const table = [
    ["Q(1, x) = e^-x at x = 3", gammaQ(1, 3), Math.exp(-3)],
    ["Q(1, x) = e^-x far in the tail", gammaQ(1, 700), Math.exp(-700)],
    ["chi2 sf with 2 df = e^(-x/2)", chiSquareSf(7.5, 2), Math.exp(-3.75)],
    ["chi2 sf with 4 df = e^(-x/2)(1 + x/2)", chiSquareSf(9, 4), Math.exp(-4.5) * 5.5],
    ["log Γ(10) = log 9!", logGamma(10), Math.log(362880)],
    ["log Γ(1/2) = log √π", logGamma(0.5), Math.log(Math.sqrt(Math.PI))],
    ["normal sf(0) = 1/2", normalSf(0), 0.5],
    ["normal sf(z) + sf(-z) = 1", normalSf(1.3) + normalSf(-1.3), 1],
  ] as const;
  test.each(table)("%s", (_name, actual, wanted) => {
    expect(Math.abs(actual - wanted) / Math.abs(wanted)).toBeLessThanOrEqual(1e-13);
  });
});

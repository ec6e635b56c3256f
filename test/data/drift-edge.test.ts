import { describe, expect, test } from "bun:test";
import { isDrifted } from "../../lib/data/drift/default-method.ts";
import {
  type DriftColumnParams,
  DriftError,
  defaultDriftMethod,
  driftColumn,
} from "../../lib/data/drift/index.ts";
import { kolmogorovSf } from "../../lib/data/drift/kolmogorov.ts";
import { ksTest, scaledStatistic } from "../../lib/data/drift/ks.ts";
import { durbinCdf } from "../../lib/data/drift/ks-durbin.ts";
import { twoSampleExactSf } from "../../lib/data/drift/ks-exact.ts";
import { pelzGoodCdf } from "../../lib/data/drift/ks-pelz-good.ts";
import { pomeranzCdf } from "../../lib/data/drift/ks-pomeranz.ts";
import { smirnovSf } from "../../lib/data/drift/smirnov.ts";
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

/** |a − b| / max(|a|, |b|), 0 when equal. */
const rel = (a: number, b: number) =>
  a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));

/** C(a, b) as a float (exact for the small arguments used here). */
function binomial(a: number, b: number): number {
  let c = 1;
  for (let i = 1; i <= b; i++) c = (c * (a - b + i)) / i;
  return c;
}

/**
 * The exact null distribution of m·n·D by brute force: every interleaving of m and n values
 * (a bit mask choosing the first sample's positions) walked as a lattice path.
 */
function enumeratedTail(m: number, n: number): Map<number, number> {
  const counts = new Map<number, number>();
  let total = 0;
  for (let mask = 0; mask < 1 << (m + n); mask++) {
    let ones = 0;
    for (let b = mask; b > 0; b >>= 1) ones += b & 1;
    if (ones !== m) continue;
    let i = 0;
    let j = 0;
    let gap = 0;
    for (let step = 0; step < m + n; step++) {
      if ((mask >> step) & 1) i++;
      else j++;
      gap = Math.max(gap, Math.abs(i * n - j * m));
    }
    counts.set(gap, (counts.get(gap) ?? 0) + 1);
    total++;
  }
  // P(gap ≥ g) for every attained g.
  const tail = new Map<number, number>();
  const gaps = [...counts.keys()].sort((a, b) => b - a);
  let above = 0;
  for (const g of gaps) {
    above += counts.get(g)!;
    tail.set(g, above / total);
  }
  return tail;
}

describe("exact two-sample p-value equals brute-force enumeration of the lattice paths", () => {
  const sizes = [
    [1, 1],
    [1, 4],
    [2, 3],
    [3, 2],
    [3, 4],
    [4, 4],
    [2, 7],
    [5, 6],
    [6, 6],
    [7, 3],
    [6, 8],
  ] as const;
  const rows = sizes.flatMap(([m, n]) =>
    [...enumeratedTail(m, n)].map(
      ([gap, p]) => [`${m}×${n}, m·n·D = ${gap}`, m, n, gap, p] as const,
    ),
  );
  test.each(rows)("%s", (_name, m, n, gap, p) => {
    expect(rel(twoSampleExactSf(m, n, gap), p)).toBeLessThanOrEqual(1e-13);
  });
  test("a gap above every path's reach has p = 0; no gap at all has p = 1", () => {
    expect([twoSampleExactSf(3, 4, 13), twoSampleExactSf(3, 4, 0)]).toEqual([0, 1]);
  });
});

describe("ksTest: the statistic over ties and the p-value through the public entry", () => {
  const table = [
    // [name, reference, current, D, p]
    // Fully separated samples: only the two extreme paths reach D = 1.
    ["separated 3 vs 4", [1, 2, 3], [4, 5, 6, 7], 1, 2 / binomial(7, 3)],
    ["separated 5 vs 5", [1, 2, 3, 4, 5], [6, 7, 8, 9, 10], 1, 2 / binomial(10, 5)],
    // Ties: the ECDFs are compared only after every copy of a value, so the 2s cancel out.
    ["ties cancel", [1, 2, 2, 3], [2, 2, 2, 4], 1 / 4, twoSampleExactSf(4, 4, 4)],
    ["identical", [1, 1, 2], [1, 1, 2], 0, 1],
    ["one value each side", [0], [1], 1, 1],
  ] as const;
  test.each(table)("%s", (_name, reference, current, statistic, p) => {
    const result = ksTest(Float64Array.from(reference), Float64Array.from(current));
    expect(result.statistic).toBe(statistic);
    expect(rel(result.pValue, p)).toBeLessThanOrEqual(1e-14);
  });
  test("unsorted input gives the sorted input's answer", () => {
    const a = Float64Array.from([5, 1, 4, 2, 3, 9]);
    const b = Float64Array.from([2.5, 7, 0, 8]);
    expect(ksTest(a, b)).toEqual(ksTest(a.slice().sort(), b.slice().sort()));
  });
  test("m·n·D is an exact integer, here 2·3·(2/3) = 4", () => {
    expect(scaledStatistic(Float64Array.from([1, 2]), Float64Array.from([1.5, 3, 4]))).toBe(4);
    expect(scaledStatistic(Float64Array.from([1, 2]), Float64Array.from([3, 4, 5]))).toBe(6);
  });
});

describe("ksTest: exact up to 10,000 values a side, then kstwo with n = round-half-even(mn/(m+n))", () => {
  const grid = (length: number, shift: number) =>
    Float64Array.from({ length }, (_, i) => (i + 0.5) / length + shift);
  test("10,000 vs 10 is exact; 10,001 vs 10 is asymptotic with n = 10", () => {
    const small = grid(10, 0.2);
    expect(ksTest(grid(10_000, 0), small).method).toBe("exact");
    const r = ksTest(grid(10_001, 0), small);
    expect(r.method).toBe("asymp");
    expect(r.pValue).toBe(kolmogorovSf(10, r.statistic));
  });
  test("20301 vs 101 gives m·n/(m+n) = 100.5 exactly, rounded to the even 100", () => {
    const r = ksTest(grid(20_301, 0), grid(101, 0.05));
    expect(r.pValue).toBe(kolmogorovSf(100, r.statistic));
    expect(r.pValue).not.toBe(kolmogorovSf(101, r.statistic));
  });
});

describe("kolmogorovSf (kstwo.sf) against closed forms", () => {
  const cube = (y: number) => y * y * y;
  const table = [
    // [name, n, x, P(D_n ≥ x)]
    ["n = 1: D_1 = max(U, 1 − U) ≥ 1/2 always", 1, 0.3, 1],
    ["n = 1: P(D_1 ≥ x) = 2(1 − x) above 1/2", 1, 0.6, 2 * (1 - 0.6)],
    ["n = 1 near 1", 1, 0.95, 2 * (1 - 0.95)],
    ["n = 2: 1 − 2!(2x − 1/2)² (Ruben–Gambino)", 2, 0.3, 1 - 2 * (0.6 - 0.5) ** 2],
    ["n = 2: 2(1 − x)² above 1/2", 2, 0.75, 2 * 0.25 ** 2],
    ["n = 3: 1 − 3!(2x − 1/3)³", 3, 0.3, 1 - 6 * cube(0.6 - 1 / 3)],
    ["n = 50: x ≤ 1/(2n) leaves D_n no room", 50, 0.01, 1],
    ["n = 50: 1 − 1/n ≤ x gives 2(1 − x)^n", 50, 0.99, 2 * 0.01 ** 50],
    ["beyond n·x² = 370 the tail underflows", 1000, 0.7, 0],
    ["x ≥ 1 is impossible", 10, 1, 0],
  ] as const;
  test.each(table)("%s", (_name, n, x, p) => {
    expect(rel(kolmogorovSf(n, x), p)).toBeLessThanOrEqual(1e-13);
  });
});

describe("smirnovSf (one-sided) against closed forms", () => {
  const table = [
    // [name, n, x, P(D_n^+ ≥ x)]
    ["n = 1: D_1^+ = 1 − U", 1, 0.3, 0.7],
    ["n = 2 below 1/2: (1 − x)² + x(1 − 2x)", 2, 0.2, 0.8 ** 2 + 0.2 * 0.6],
    ["n = 2 above 1/2: (1 − x)²", 2, 0.7, 0.3 ** 2],
    ["x = 0 is certain", 7, 0, 1],
    ["x = 1 is impossible", 7, 1, 0],
  ] as const;
  test.each(table)("%s", (_name, n, x, p) => {
    expect(rel(smirnovSf(n, x), p)).toBeLessThanOrEqual(1e-14);
  });
});

describe("the one-sample methods agree where their regions meet", () => {
  // Durbin's matrix and Pomeranz's recursion are both exact: agreement to rounding.
  const exactPairs = [5, 20, 80, 140].flatMap((n) =>
    [0.3, 0.754693, 1, 2, 3.9].map((nxx) => [n, nxx] as const),
  );
  test.each(exactPairs)("n = %d, n·x² = %d: Durbin = Pomeranz", (n, nxx) => {
    const x = Math.sqrt(nxx / n);
    expect(rel(durbinCdf(n, x), pomeranzCdf(n, x))).toBeLessThanOrEqual(1e-13);
  });
  // Above x = 1/2 two-sided = 2 × one-sided exactly (D+ ≥ x and D− ≥ x exclude each other).
  const halfPairs = [
    [3, 0.5],
    [3, 0.6],
    [3, 0.8],
    [10, 0.5],
    [10, 0.55],
  ] as const;
  test.each(halfPairs)("n = %d, x = %d: 1 − Durbin = 2 × Smirnov", (n, x) => {
    expect(rel(1 - durbinCdf(n, x), 2 * smirnovSf(n, x))).toBeLessThanOrEqual(1e-12);
  });
  // Below, the difference is P(D+ ≥ x and D− ≥ x), negligible once n·x² ≥ 4 (S&L §3).
  test.each([
    [20, 4.5],
    [80, 4.5],
    [140, 4.5],
  ] as const)("n = %d, n·x² = %d: 1 − Pomeranz ≈ 2 × Smirnov", (n, nxx) => {
    const x = Math.sqrt(nxx / n);
    expect(rel(1 - pomeranzCdf(n, x), 2 * smirnovSf(n, x))).toBeLessThanOrEqual(1e-10);
  });
  // Pelz–Good is asymptotic: its error against the exact value shrinks like 1/n².
  test.each([
    [200, 0.5, 1e-6],
    [1000, 0.5, 5e-8],
    [1000, 2, 5e-8],
    [5000, 1, 5e-9],
  ] as const)("n = %d, n·x² = %d: Pelz–Good within %d of Durbin", (n, nxx, tolerance) => {
    const x = Math.sqrt(nxx / n);
    expect(rel(pelzGoodCdf(n, x), durbinCdf(n, x))).toBeLessThanOrEqual(tolerance);
  });
});

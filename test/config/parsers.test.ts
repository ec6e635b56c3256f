import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import {
  cronProblem,
  nextCronRun,
  previousCronRun,
  timeZoneProblem,
} from "../../lib/config/cron.ts";
import { formatDuration, parseDuration } from "../../lib/config/duration.ts";
import { nearestName } from "../../lib/config/suggest.ts";
import policySchema from "../../policies/schemas/policy.schema.json" with { type: "json" };

describe("parseDuration", () => {
  test.each([
    ["30s", 30_000],
    ["10m", 600_000],
    ["1h30m", 5_400_000],
    ["2d", 172_800_000],
    ["2d14h", 223_200_000],
    ["0s", 0],
    ["1d2h3m4s", 93_784_000],
    ["", undefined],
    ["30", undefined],
    ["1m1h", undefined],
    ["1h 30m", undefined],
    ["1.5h", undefined],
    ["-1s", undefined],
    ["10ms", undefined],
  ])("%p → %p", (text, ms) => {
    expect(parseDuration(text)).toBe(ms as number | undefined);
  });

  test.each([
    [5_400_000, "1h30m"],
    [0, "0s"],
    [172_800_000, "2d"],
    [93_784_000, "1d2h3m4s"],
  ])("formatDuration(%p) → %p", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  test("the schemas' duration pattern accepts exactly what parseDuration parses", () => {
    const pattern = new RegExp(policySchema.definitions.duration.pattern, "u");
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.stringMatching(/^[0-9]{1,3}[dhms]([0-9]{1,3}[dhms])?$/)),
        (text) => pattern.test(text) === (parseDuration(text) !== undefined),
      ),
    );
  });

  test("formatting then parsing gives whole seconds back", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (seconds) => {
        return parseDuration(formatDuration(seconds * 1000)) === seconds * 1000;
      }),
    );
  });
});

describe("cron and time zones", () => {
  test.each([
    ["0 18 * * 5", undefined],
    ["*/15 * * * MON-FRI", undefined],
    ["0 18 * * 8", "Invalid value for dayOfWeek: 8"],
    ["61 * * * *", "Invalid value for minute: 61"],
    [
      "0 0 0 * * *",
      "mode '5-part' requires exactly 5 parts, but pattern '0 0 0 * * *' has 6 parts",
    ],
  ])("cronProblem(%p) → %p", (expression, problem) => {
    expect(cronProblem(expression)).toBe(problem as string | undefined);
  });

  test.each([
    ["Europe/Berlin", undefined],
    ["UTC", undefined],
    [
      "Mars/Olympus",
      'unknown time zone "Mars/Olympus"; use an IANA name such as UTC or Europe/Berlin',
    ],
  ])("timeZoneProblem(%p)", (zone, problem) => {
    expect(timeZoneProblem(zone)).toBe(problem as string | undefined);
  });

  test("next and previous runs read the expression in its time zone", () => {
    // Friday 18:00 in Berlin is 17:00 UTC in winter.
    const at = new Date("2025-01-08T12:00:00Z");
    expect(
      nextCronRun({
        expression: "0 18 * * 5",
        timeZone: "Europe/Berlin",
        after: at,
      })?.toISOString(),
    ).toBe("2025-01-10T17:00:00.000Z");
    expect(
      previousCronRun({ expression: "0 18 * * 5", timeZone: "Europe/Berlin", at })?.toISOString(),
    ).toBe("2025-01-03T17:00:00.000Z");
    expect(
      previousCronRun({
        expression: "0 18 * * 5",
        at: new Date("2025-01-03T18:00:00Z"),
      })?.toISOString(),
    ).toBe("2025-01-03T18:00:00.000Z");
  });
});

describe("nearestName", () => {
  test.each([
    ["stratgy", ["strategy", "canary"], "strategy"],
    ["Canary", ["strategy", "canary"], "canary"],
    ["colour", ["model", "training"], undefined],
    ["ab", ["abc", "xyz"], "abc"],
    ["zzzz", ["abc"], undefined],
  ])("%p among %p → %p", (word, candidates, expected) => {
    expect(nearestName(word, candidates)).toBe(expected as string | undefined);
  });
});

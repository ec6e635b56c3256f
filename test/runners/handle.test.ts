import { describe, expect, test } from "bun:test";
import { handleFromCorrelation, isCorrelationId } from "../../lib/runners/handle.ts";

describe("rebuilding a run handle from a check run's external_id", () => {
  test.each([
    ["0123456789abcdef", true],
    ["0123456789ABCDEF", false],
    ["0123456789abcde", false],
    ["0123456789abcdef0", false],
    ["", false],
    [null, false],
    [undefined, false],
  ])("isCorrelationId(%p) → %p", (text, expected) => {
    expect(isCorrelationId(text)).toBe(expected);
  });

  test("the handle names the run only by its correlation id (the runner looks it up when polled)", () => {
    const training = {
      runner: "argo" as const,
      argo: { url: "http://argo.test", namespace: "ml", workflow_template: "t" },
    };
    expect(
      handleFromCorrelation({
        kind: "argo",
        correlationId: "0123456789abcdef",
        repository: "acme/churn",
        training,
      }),
    ).toEqual({
      kind: "argo",
      correlationId: "0123456789abcdef",
      repository: "acme/churn",
      training,
      id: null,
      created: false,
    });
  });
});

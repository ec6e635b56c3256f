import { describe, expect, test } from "bun:test";
import { createHash } from "node:crypto";
import fc from "fast-check";
import {
  correlationId,
  matchWorkflowRun,
  parseRunTitle,
  RUN_NAME_LINE,
} from "../../lib/runners/correlation.ts";
import { RUN_REASONS } from "../../lib/runners/types.ts";

const sha = "c".repeat(40);
const base = {
  repo: "acme/churn",
  sha,
  datasets: { train: "abc", eval: "def" },
  reason: "push" as const,
};

describe("correlationId", () => {
  test("is the first 16 hex chars of SHA-256 over the canonical request", async () => {
    const canonical = JSON.stringify([
      "acme/churn",
      sha,
      [
        ["eval", "def"],
        ["train", "abc"],
      ],
      "push",
      null,
    ]);
    const expected = createHash("sha256").update(canonical).digest("hex").slice(0, 16);
    expect(await correlationId(base)).toBe(expected);
  });

  test.each([
    [
      "dataset order and repo case do not matter",
      { ...base, repo: "ACME/Churn", datasets: { eval: "def", train: "abc" } },
      true,
    ],
    ["another commit", { ...base, sha: "d".repeat(40) }, false],
    ["another dataset hash", { ...base, datasets: { train: "abd", eval: "def" } }, false],
    ["another reason", { ...base, reason: "retrain" as const }, false],
    ["a key (a /retrain comment id)", { ...base, key: "comment-1" }, false],
  ])("%s", async (_, other, same) => {
    expect((await correlationId(other)) === (await correlationId(base))).toBe(same);
  });

  test("property: any request's id is 16 hex chars and parses back from the documented run-name", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string(),
        fc.stringMatching(/^[0-9a-f]{40}$/),
        fc.dictionary(fc.string(), fc.string()),
        fc.constantFrom(...RUN_REASONS),
        fc.option(fc.nat(), { nil: undefined }),
        async (repo, commit, datasets, reason, pr) => {
          const id = await correlationId({ repo, sha: commit, datasets, reason });
          expect(id).toMatch(/^[0-9a-f]{16}$/);
          // Render the run-name as GitHub would, with the inputs the runner sends.
          const inputs: Record<string, string> = {
            mlops_correlation_id: id,
            mlops_commit: commit,
            mlops_pr: pr === undefined ? "" : String(pr),
          };
          const title = RUN_NAME_LINE.slice('run-name: "'.length, -1).replace(
            /\$\{\{ inputs\.(\w+) \}\}/g,
            (_, name: string) => inputs[name] ?? "",
          );
          const expected =
            pr === undefined
              ? { correlationId: id, commit }
              : { correlationId: id, commit, pullRequest: pr };
          expect(parseRunTitle(title)).toEqual(expected);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe("parseRunTitle", () => {
  test.each([
    ["train 0123456789abcdef", { correlationId: "0123456789abcdef" }],
    ["Train 0123456789ABCDEF pr-", { correlationId: "0123456789abcdef" }],
    [
      `train 0123456789abcdef ${sha} pr-12`,
      { correlationId: "0123456789abcdef", commit: sha, pullRequest: 12 },
    ],
    // A commit sha alone is not an id: the id is exactly 16 hex chars.
    [`train ${sha}`, null],
    ["train 0123456789abcdef0", null],
    ["train", null],
  ])("%s", (title, expected) => {
    expect(parseRunTitle(title)).toEqual(expected);
  });
});

describe("matchWorkflowRun", () => {
  const payload = {
    action: "completed",
    workflow_run: {
      id: 99,
      name: "Train",
      display_title: "train 0123456789abcdef",
      head_sha: sha,
      status: "completed",
      conclusion: "success",
      html_url: "https://github.com/acme/churn/actions/runs/99",
      path: ".github/workflows/train.yml",
    },
  };
  test.each([
    [
      "a webhook payload: commit falls back to head_sha",
      payload,
      {
        correlationId: "0123456789abcdef",
        runId: 99,
        commit: sha,
        status: "completed",
        conclusion: "success",
        url: "https://github.com/acme/churn/actions/runs/99",
        path: ".github/workflows/train.yml",
      },
    ],
    [
      "a REST run object, id in name only",
      {
        id: 5,
        name: "train 1111111111111111 pr-3",
        display_title: "Update data",
        head_sha: sha,
        status: "queued",
        conclusion: null,
      },
      {
        correlationId: "1111111111111111",
        runId: 5,
        commit: sha,
        pullRequest: 3,
        status: "queued",
        conclusion: null,
      },
    ],
    [
      "a run that is not ours",
      { workflow_run: { ...payload.workflow_run, display_title: "CI" } },
      null,
    ],
    ["not a run", { workflow_run: { display_title: "train 0123456789abcdef" } }, null],
    ["nothing", null, null],
  ])("%s", (_, input, expected) => {
    expect(matchWorkflowRun(input)).toEqual(expected);
  });
});

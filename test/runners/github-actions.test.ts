import { describe, expect, test } from "bun:test";
import { strToU8 } from "fflate";
import {
  type ActionsForge,
  actionsInputs,
  actionsRunStatus,
  createGitHubActionsRunner,
  resultFromArtifacts,
  type WorkflowRunSummary,
} from "../../lib/runners/github-actions.ts";
import { RunnerError, type RunRequest, type TrainingConfig } from "../../lib/runners/types.ts";

const training: TrainingConfig = {
  runner: "github-actions",
  workflow: "train.yml",
  inputs: { epochs: 300, fast: true, note: "x", mlops_reason: "user value loses" },
  metrics_artifact: "model-metrics",
  predictions_file: "predictions.csv",
};
const sha = "b".repeat(40);
const request: RunRequest = {
  repository: "acme/churn",
  sha,
  ref: "feature/data",
  datasets: { train: "abc", eval: "def" },
  correlationId: "fedcba9876543210",
  reason: "pull_request",
  pullRequest: 7,
  training,
};

/** A hand-written fake of the Forge methods the runner uses, recording every call. */
function fakeForge(p: {
  runs?: WorkflowRunSummary[];
  artifacts?: Record<string, Record<string, string>>;
  listRuns?: boolean;
}) {
  const calls: unknown[] = [];
  const names = Object.keys(p.artifacts ?? {});
  const forge: ActionsForge = {
    async dispatchWorkflow(args) {
      calls.push(["dispatchWorkflow", args]);
    },
    async listArtifacts(args) {
      calls.push(["listArtifacts", args]);
      return names.map((name, i) => ({ id: 100 + i, name }));
    },
    async downloadArtifact(args) {
      calls.push(["downloadArtifact", args]);
      const files = p.artifacts?.[names[args.artifact_id - 100] as string] ?? {};
      return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)]));
    },
  };
  if (p.listRuns) {
    forge.listWorkflowRuns = async (args) => {
      calls.push(["listWorkflowRuns", args]);
      return p.runs ?? [];
    };
  }
  return { forge, calls };
}

const run = (over: Partial<WorkflowRunSummary>): WorkflowRunSummary => ({
  id: 42,
  display_title: `train fedcba9876543210 ${sha} pr-7`,
  head_sha: sha,
  status: "completed",
  conclusion: "success",
  html_url: "https://github.com/acme/churn/actions/runs/42",
  ...over,
});

describe("github actions runner", () => {
  test("inputs: the config's inputs as strings, then ours", () => {
    expect(actionsInputs(request)).toEqual({
      epochs: "300",
      fast: "true",
      note: "x",
      mlops_reason: "pull_request",
      mlops_correlation_id: "fedcba9876543210",
      mlops_commit: sha,
      mlops_datasets: '{"eval":"def","train":"abc"}',
      mlops_pr: "7",
    });
  });

  test("dispatch without a run listing dispatches on the request's ref", async () => {
    const { forge, calls } = fakeForge({});
    const handle = await createGitHubActionsRunner({ forge }).dispatch(request);
    expect(handle).toEqual({
      kind: "github-actions",
      correlationId: "fedcba9876543210",
      repository: "acme/churn",
      training,
      id: null,
      created: true,
    });
    expect(calls).toEqual([
      [
        "dispatchWorkflow",
        {
          owner: "acme",
          repo: "churn",
          workflow: "train.yml",
          ref: "feature/data",
          inputs: actionsInputs(request),
        },
      ],
    ]);
  });

  test("dispatch with a run listing finds the run already started", async () => {
    const { forge, calls } = fakeForge({
      listRuns: true,
      runs: [
        run({ id: 41, display_title: "train 1111111111111111" }),
        run({ status: "in_progress" }),
      ],
    });
    const handle = await createGitHubActionsRunner({ forge }).dispatch(request);
    expect(handle.created).toBe(false);
    expect(handle.id).toBe("42");
    expect(handle.url).toBe("https://github.com/acme/churn/actions/runs/42");
    expect(calls).toEqual([
      ["listWorkflowRuns", { owner: "acme", repo: "churn", workflow: "train.yml" }],
    ]);
  });

  test.each([
    [
      { ...request, training: { runner: "github-actions" as const } },
      "training.workflow is not set; name the workflow file in .github/workflows (e.g. train.yml)",
    ],
    [
      { ...request, repository: "churn" },
      'repository "churn" is not owner/name; pass the full name',
    ],
  ])("bad request %#: one-line RunnerError", async (req, message) => {
    const { forge } = fakeForge({});
    const error = await createGitHubActionsRunner({ forge })
      .dispatch(req)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunnerError);
    expect((error as Error).message).toBe(message);
  });

  test("poll: queued until the run is listed, then its outputs from the named artifact", async () => {
    const none = fakeForge({});
    const runner = createGitHubActionsRunner({ forge: none.forge });
    const handle = await runner.dispatch(request);
    expect(await runner.poll(handle)).toEqual({ state: "queued" });

    const listed = fakeForge({
      listRuns: true,
      runs: [run({})],
      artifacts: {
        logs: { "metrics.json": '{"accuracy": 0}' },
        "model-metrics": {
          "out/metrics.json": '{"accuracy": 0.9}',
          "out/predictions.csv": "label\n1\n",
        },
      },
    });
    const status = await createGitHubActionsRunner({ forge: listed.forge }).poll(handle);
    expect(status).toEqual({
      state: "completed",
      conclusion: "success",
      url: "https://github.com/acme/churn/actions/runs/42",
      outputs: {
        problems: [],
        metrics: { file: "out/metrics.json", text: '{"accuracy": 0.9}' },
        predictions: { file: "out/predictions.csv", text: "label\n1\n" },
      },
    });
    expect(listed.calls.slice(1)).toEqual([
      ["listArtifacts", { owner: "acme", repo: "churn", run_id: 42 }],
      ["downloadArtifact", { owner: "acme", repo: "churn", artifact_id: 101 }],
    ]);
  });

  const match = { runId: 42, status: "completed", conclusion: "success" };
  test.each([
    [
      "in progress",
      { ...match, status: "in_progress", conclusion: null },
      {},
      { state: "in_progress" },
    ],
    ["queued", { ...match, status: "queued", conclusion: null }, {}, { state: "queued" }],
    [
      "failed",
      { ...match, conclusion: "failure" },
      {},
      {
        state: "completed",
        conclusion: "failure",
        message: 'the training workflow run concluded "failure"',
        outputs: { problems: [] },
      },
    ],
    [
      "cancelled",
      { ...match, conclusion: "cancelled" },
      {},
      {
        state: "completed",
        conclusion: "cancelled",
        message: 'the training workflow run concluded "cancelled"',
        outputs: { problems: [] },
      },
    ],
    [
      "success without the artifact",
      match,
      { logs: {} },
      {
        state: "completed",
        conclusion: "success",
        outputs: {
          problems: [
            'the run uploaded no artifact "model-metrics" (found: logs); upload it with actions/upload-artifact or set training.metrics_artifact',
          ],
        },
      },
    ],
  ])("actionsRunStatus: %s", async (_, m, artifacts, expected) => {
    const { forge } = fakeForge({ artifacts });
    const status = await actionsRunStatus({ forge, repository: "acme/churn", match: m, training });
    expect(status).toEqual(expected as never);
  });
});

describe("resultFromArtifacts", () => {
  const bytes = (files: Record<string, string | Uint8Array>) =>
    Object.fromEntries(
      Object.entries(files).map(([k, v]) => [k, typeof v === "string" ? strToU8(v) : v]),
    );
  test.each([
    [
      "default metrics.json, exact path wins over a nested one",
      { "metrics.json": "{}", "a/metrics.json": "[]" },
      {},
      { problems: [], metrics: { file: "metrics.json", text: "{}" } },
    ],
    [
      "shortest nested path; BOM dropped",
      { "a/b/m.json": "2", "a/m.json": "\uFEFF1" },
      { metrics_file: "m.json" },
      { problems: [], metrics: { file: "a/m.json", text: "1" } },
    ],
    [
      "missing files name what was found",
      { "model.pkl": "x" },
      { predictions_file: "preds.csv" },
      {
        problems: [
          'the run produced no metrics file "metrics.json" (found: model.pkl); write it in the training script or set training.metrics_file',
          'the run produced no predictions file "preds.csv" (found: model.pkl); write it in the training script or set training.predictions_file',
        ],
      },
    ],
    [
      "binary metrics",
      { "metrics.json": new Uint8Array([0xff, 0xfe, 0x00]) },
      {},
      { problems: ['the run\'s metrics file "metrics.json" is not UTF-8 text; write it as UTF-8'] },
    ],
    [
      "no files at all",
      {},
      { metrics_file: "./m.json" },
      {
        problems: [
          'the run produced no metrics file "./m.json" (found: no files); write it in the training script or set training.metrics_file',
        ],
      },
    ],
  ])("%s", (_, files, config, expected) => {
    expect(resultFromArtifacts(bytes(files), config)).toEqual(expected);
  });
});

import { describe, expect, test } from "bun:test";
import { createArgoRunner } from "../../lib/runners/argo.ts";
import { RunnerError, type RunRequest, type TrainingConfig } from "../../lib/runners/types.ts";
import { createFakeArgo } from "./fake-argo.ts";

const BASE = "https://argo.example.com";
const training: TrainingConfig = {
  runner: "argo",
  argo: { url: `${BASE}/`, namespace: "ml", workflow_template: "train-churn" },
  predictions_file: "predictions.csv",
};
const request: RunRequest = {
  repository: "acme/churn",
  sha: "a".repeat(40),
  ref: "main",
  datasets: { train: "d41d8cd98f00b204e9800998ecf8427e", eval: "0cc175b9c0f1b6a831c399e269772661" },
  correlationId: "0123456789abcdef",
  reason: "push",
  training,
};

function setup(token = "s3cret") {
  const argo = createFakeArgo({ token: "s3cret", namespace: "ml", templates: ["train-churn"] });
  const runner = createArgoRunner({ token, fetch: argo.handler, retry: { limit: 2, delayMs: 0 } });
  return { argo, runner };
}

const LIST =
  "GET /api/v1/workflows/ml?listOptions.labelSelector=mlops-bot%2Fcorrelation-id%3D0123456789abcdef";
const CREATE = "POST /api/v1/workflows/ml";

describe("argo runner: dispatch", () => {
  test("submits the template with labels and parameters, once per correlation id", async () => {
    const { argo, runner } = setup();
    const first = await runner.dispatch(request);
    expect(first).toEqual({
      kind: "argo",
      correlationId: "0123456789abcdef",
      repository: "acme/churn",
      training,
      id: "train-churn-xxxx1",
      url: `${BASE}/workflows/ml/train-churn-xxxx1`,
      created: true,
    });
    const stored = argo.workflows.get("train-churn-xxxx1");
    expect(stored?.metadata.labels).toEqual({
      "mlops-bot/correlation-id": "0123456789abcdef",
      "mlops-bot/reason": "push",
    });
    expect(stored?.spec).toEqual({
      workflowTemplateRef: { name: "train-churn" },
      arguments: {
        parameters: [
          { name: "repository", value: "acme/churn" },
          { name: "commit", value: "a".repeat(40) },
          { name: "ref", value: "main" },
          {
            name: "datasets",
            value:
              '{"eval":"0cc175b9c0f1b6a831c399e269772661","train":"d41d8cd98f00b204e9800998ecf8427e"}',
          },
          { name: "correlation-id", value: "0123456789abcdef" },
          { name: "reason", value: "push" },
          { name: "pr", value: "" },
        ],
      },
    });
    const second = await runner.dispatch(request);
    expect(second.created).toBe(false);
    expect(second.id).toBe("train-churn-xxxx1");
    expect(argo.workflows.size).toBe(1);
    expect(argo.calls).toEqual([LIST, CREATE, LIST]);
  });

  test.each([
    [
      "a 503 on the list, then success",
      { method: "GET", status: 503, times: 1 },
      [LIST, LIST, CREATE],
      true,
    ],
    [
      "a 503 before the create, then success",
      { method: "POST", status: 503, times: 1 },
      [LIST, CREATE, LIST, CREATE],
      true,
    ],
    // The server created the workflow and then failed: the retry finds it instead of creating a second.
    [
      "a 503 after the create",
      { method: "POST", status: 503, times: 1, after: true },
      [LIST, CREATE, LIST],
      true,
    ],
  ])("%s: one workflow", async (_, fault, calls, created) => {
    const { argo, runner } = setup();
    argo.fail(fault);
    const handle = await runner.dispatch(request);
    expect(handle.id).toBe("train-churn-xxxx1");
    expect(handle.created).toBe(created);
    expect(argo.workflows.size).toBe(1);
    expect(argo.calls).toEqual(calls);
  });

  test.each([
    [
      "a bad token",
      "wrong",
      undefined,
      "Argo server https://argo.example.com answered 401 when listing workflows: token not valid. see https://argo-workflows.readthedocs.io/en/latest/faq/; give the runner a valid bearer token (argo auth token)",
      false,
    ],
    [
      "503 past the retry limit",
      "s3cret",
      { method: "GET", status: 503, times: 5 },
      "Argo server https://argo.example.com answered 503 when listing workflows: the server is currently unable to handle the request",
      true,
    ],
  ])("%s is a one-line RunnerError", async (_, token, fault, message, retryable) => {
    const { argo, runner } = setup(token);
    if (fault) argo.fail(fault);
    const error = await runner.dispatch(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunnerError);
    expect((error as RunnerError).message).toBe(message);
    expect((error as RunnerError).retryable).toBe(retryable);
  });

  test("an unreachable server is a retryable RunnerError", async () => {
    const runner = createArgoRunner({
      fetch: async () => {
        throw new TypeError("connect ECONNREFUSED 10.0.0.1:2746");
      },
      retry: { limit: 0, delayMs: 0 },
    });
    const error = (await runner.dispatch(request).catch((e: unknown) => e)) as RunnerError;
    expect(error.message).toBe(
      "cannot reach the Argo server https://argo.example.com (connect ECONNREFUSED 10.0.0.1:2746)",
    );
    expect(error.retryable).toBe(true);
  });

  test("a missing template is reported with Argo's message", async () => {
    const { runner } = setup();
    const req = {
      ...request,
      training: { ...training, argo: { ...training.argo!, workflow_template: "nope" } },
    };
    const error = (await runner.dispatch(req).catch((e: unknown) => e)) as RunnerError;
    expect(error.message).toBe(
      'Argo server https://argo.example.com answered 400 when submitting a workflow: workflowtemplates.argoproj.io "nope" not found',
    );
  });

  test("no argo section names the fix", async () => {
    const { runner } = setup();
    const error = (await runner
      .dispatch({ ...request, training: { runner: "argo" } })
      .catch((e: unknown) => e)) as RunnerError;
    expect(error.message).toBe(
      "training.argo is not set; give the Argo server's url, namespace and workflow_template",
    );
  });
});

describe("argo runner: poll", () => {
  const metrics = '{"accuracy": 0.91}';
  const url = `${BASE}/workflows/ml/train-churn-xxxx1`;
  test.each([
    ["just created", {}, { state: "queued", url }],
    ["Pending", { phase: "Pending" }, { state: "queued", url }],
    ["Running", { phase: "Running" }, { state: "in_progress", url }],
    [
      "Failed",
      { phase: "Failed", message: "child 'train' failed" },
      {
        state: "completed",
        conclusion: "failure",
        url,
        message: "the Argo workflow train-churn-xxxx1 ended Failed: child 'train' failed",
        outputs: { problems: [] },
      },
    ],
    [
      "Error",
      { phase: "Error" },
      {
        state: "completed",
        conclusion: "failure",
        url,
        message: "the Argo workflow train-churn-xxxx1 ended Error",
        outputs: { problems: [] },
      },
    ],
    [
      "Succeeded with output parameters",
      {
        phase: "Succeeded",
        outputs: {
          parameters: [
            { name: "metrics", value: metrics },
            { name: "predictions", value: "label,prediction\n1,1\n" },
          ],
        },
      },
      {
        state: "completed",
        conclusion: "success",
        url,
        outputs: {
          problems: [],
          metrics: { file: "metrics.json", text: metrics },
          predictions: { file: "predictions.csv", text: "label,prediction\n1,1\n" },
        },
      },
    ],
    [
      "Succeeded without outputs",
      { phase: "Succeeded" },
      {
        state: "completed",
        conclusion: "success",
        url,
        outputs: {
          problems: [
            'the Argo workflow train-churn-xxxx1 has no output parameter or artifact "metrics"; export metrics.json from the template as outputs.parameters "metrics" (globalName: metrics)',
            'the Argo workflow train-churn-xxxx1 has no output parameter or artifact "predictions"; export predictions.csv from the template as outputs.parameters "predictions" (globalName: predictions)',
          ],
        },
      },
    ],
  ])("%s", async (_, status, expected) => {
    const { argo, runner } = setup();
    const handle = await runner.dispatch(request);
    argo.finish("train-churn-xxxx1", status);
    expect(await runner.poll(handle)).toEqual(expected as never);
  });

  test("outputs from node artifacts, through the artifact endpoint", async () => {
    const { argo, runner } = setup();
    const handle = await runner.dispatch(request);
    argo.finish("train-churn-xxxx1", {
      phase: "Succeeded",
      nodes: {
        "train-churn-xxxx1-123": {
          id: "train-churn-xxxx1-123",
          outputs: { artifacts: [{ name: "metrics" }, { name: "predictions" }] },
        },
      },
    });
    argo.putArtifact("train-churn-xxxx1", "train-churn-xxxx1-123", "metrics", metrics);
    argo.putArtifact("train-churn-xxxx1", "train-churn-xxxx1-123", "predictions", "label\n1\n");
    const status = await runner.poll(handle);
    expect(status).toEqual({
      state: "completed",
      conclusion: "success",
      url,
      outputs: {
        problems: [],
        metrics: { file: "metrics.json", text: metrics },
        predictions: { file: "predictions.csv", text: "label\n1\n" },
      },
    });
  });

  test("a handle without a name is found by its label; a deleted workflow fails plainly", async () => {
    const { argo, runner } = setup();
    const handle = await runner.dispatch(request);
    argo.finish("train-churn-xxxx1", { phase: "Running" });
    expect(await runner.poll({ ...handle, id: null })).toEqual({ state: "in_progress", url });
    argo.workflows.delete("train-churn-xxxx1");
    expect(await runner.poll(handle)).toEqual({
      state: "completed",
      conclusion: "failure",
      url,
      message:
        "the Argo workflow train-churn-xxxx1 no longer exists (deleted or garbage-collected); retrain to run it again",
      outputs: { problems: [] },
    });
    expect(await runner.poll({ ...handle, id: null })).toEqual({ state: "queued" });
  });
});

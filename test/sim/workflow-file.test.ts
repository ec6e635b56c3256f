import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { parseWorkflowFile, renderRunName } from "../../sim/actions/workflow-file.ts";
import { type Fixture, seeded, statusOf } from "./fixture.ts";

const WORKFLOW = `name: train
run-name: "train \${{ inputs.mlops_correlation_id }} pr-\${{ github.event.inputs.pr }}"
on:
  workflow_dispatch:
    inputs:
      mlops_correlation_id: { required: true }
      pr: { required: false }
      epochs: { required: true, default: "3" }
jobs: {}
`;

let f: Fixture;
const R = { owner: "acme", repo: "churn" } as const;

beforeAll(async () => {
  f = await seeded();
  await f.sim.script.pushCommit({
    repo: "acme/churn",
    branch: "main",
    files: { ".github/workflows/train.yml": WORKFLOW },
    message: "add the training workflow",
    author: "maintainer",
  });
  f.sim.actions.register({
    repo: "acme/churn",
    workflow: "train.yml",
    executor: async () => ({ conclusion: "success" }),
  });
  await f.sim.idle();
});
afterAll(() => f.sim.close());

describe("dispatch held to the repository's workflow file", () => {
  test.each([
    [{ mlops_correlation_id: "abc", nope: "1" }, 422, 'Unexpected inputs provided: ["nope"]'],
    [{ pr: "7" }, 422, "Required input 'mlops_correlation_id' not provided"],
  ])("inputs %p are refused with %p", async (inputs, status, message) => {
    const answer = await statusOf(
      f.bot.rest.actions.createWorkflowDispatch({
        ...R,
        workflow_id: "train.yml",
        ref: "main",
        inputs,
      }),
    );
    expect(answer).toEqual({ status, message });
  });

  test("the run's display_title is the rendered run-name", async () => {
    await f.bot.rest.actions.createWorkflowDispatch({
      ...R,
      workflow_id: "train.yml",
      ref: "main",
      inputs: { mlops_correlation_id: "0123abcd", pr: "12" },
    });
    await f.sim.idle();
    const runs = await f.bot.rest.actions.listWorkflowRuns({ ...R, workflow_id: "train.yml" });
    expect(runs.data.workflow_runs.map((r) => r.display_title)).toEqual(["train 0123abcd pr-12"]);
    const event = f.received.find(
      (d) => d.name === "workflow_run" && (d.payload as { action: string }).action === "completed",
    );
    expect(
      (event!.payload as { workflow_run: { display_title: string } }).workflow_run.display_title,
    ).toBe("train 0123abcd pr-12");
  });
});

describe("workflow file parsing", () => {
  test.each([
    ["on: [push, workflow_dispatch]\n", new Map(), null],
    ["on: push\n", null, null],
    ["on: workflow_dispatch\nrun-name: x\n", new Map(), "x"],
    [": not yaml [\n", null, null],
  ])("%p", (text, inputs, runName) => {
    expect(parseWorkflowFile(text)).toEqual({ inputs, runName });
  });

  test("run-name renders inputs and blanks other expressions", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a JS template
    const template = "a ${{ inputs.x }} b ${{ github.sha }} c";
    expect(renderRunName(template, { x: 1 })).toBe("a 1 b  c");
  });
});

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { unzipSync } from "fflate";
import { type Fixture, seeded, statusOf } from "./fixture.ts";

let f: Fixture;
const R = { owner: "acme", repo: "churn" } as const;
const seen: unknown[] = [];

beforeAll(async () => {
  f = await seeded();
  f.sim.actions.register({
    repo: "acme/churn",
    workflow: "train.yml",
    executor: async (inputs, ctx) => {
      seen.push({
        inputs,
        ref: ctx.ref,
        readme: new TextDecoder().decode((await ctx.readFile("README.md")) ?? new Uint8Array()),
      });
      f.clock.advance(60_000);
      return {
        conclusion: inputs.fail === "yes" ? "failure" : "success",
        artifacts: {
          model: { "metrics.json": '{"auc":0.91}', "nested/w.bin": new Uint8Array([1, 2]) },
        },
      };
    },
  });
  // A command executor runs in a checkout of the ref; files under $MLOPS_ARTIFACTS_DIR/<name>/ become artifacts.
  f.sim.actions.register({
    repo: "acme/churn",
    workflow: ".github/workflows/shell.yml",
    executor: {
      command: [
        "sh",
        "-c",
        'mkdir -p "$MLOPS_ARTIFACTS_DIR/out" && cat README.md > "$MLOPS_ARTIFACTS_DIR/out/copy.md" && echo "$INPUT_EPOCHS" > "$MLOPS_ARTIFACTS_DIR/out/epochs.txt" && test "$INPUT_EPOCHS" = 3',
      ],
    },
  });
});
afterAll(() => f.sim.close());

async function lastRunArtifacts(workflow: string) {
  const runs = await f.bot.rest.actions.listWorkflowRuns({ ...R, workflow_id: workflow });
  const run = runs.data.workflow_runs[0]!;
  const arts = await f.bot.rest.actions.listWorkflowRunArtifacts({ ...R, run_id: run.id });
  const files: Record<string, Record<string, string>> = {};
  for (const a of arts.data.artifacts) {
    const zip = await f.bot.rest.actions.downloadArtifact({
      ...R,
      artifact_id: a.id,
      archive_format: "zip",
    });
    files[a.name] = Object.fromEntries(
      Object.entries(unzipSync(new Uint8Array(zip.data as ArrayBuffer))).map(([k, v]) => [
        k,
        Array.from(v).join(","),
      ]),
    );
  }
  return { run, files };
}

describe("the Actions stand-in", () => {
  test("dispatch → queued run → executor with inputs → artifacts (zip) → workflow_run requested/in_progress/completed", async () => {
    f.received.length = 0;
    await f.bot.rest.actions.createWorkflowDispatch({
      ...R,
      workflow_id: "train.yml",
      ref: "main",
      inputs: { epochs: "3" },
    });
    await f.sim.idle();
    const { run, files } = await lastRunArtifacts("train.yml");
    expect(seen).toEqual([
      { inputs: { epochs: "3" }, ref: "refs/heads/main", readme: "# churn\n" },
    ]);
    expect([
      run.status,
      run.conclusion,
      run.run_number,
      run.head_branch,
      run.created_at,
      run.updated_at,
    ]).toEqual(["completed", "success", 1, "main", "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z"]);
    expect(files).toEqual({
      model: {
        "metrics.json": Array.from(new TextEncoder().encode('{"auc":0.91}')).join(","),
        "nested/w.bin": "1,2",
      },
    });
    expect(
      f.received.map((d) => [
        d.name,
        d.payload.action,
        (d.payload.workflow_run as { status: string }).status,
      ]),
    ).toEqual([
      ["workflow_run", "requested", "queued"],
      ["workflow_run", "in_progress", "in_progress"],
      ["workflow_run", "completed", "completed"],
    ]);
  });

  test("a failing executor concludes failure", async () => {
    await f.bot.rest.actions.createWorkflowDispatch({
      ...R,
      workflow_id: "train.yml",
      ref: "main",
      inputs: { fail: "yes" },
    });
    await f.sim.idle();
    const { run } = await lastRunArtifacts("train.yml");
    expect([run.conclusion, run.run_number]).toEqual(["failure", 2]);
  });

  test("a command executor runs in a checkout of the ref and its files become artifacts", async () => {
    await f.sim.script.pushCommit({
      repo: "acme/churn",
      branch: "exp",
      files: { "README.md": "# exp\n" },
      message: "exp",
      author: "maintainer",
    });
    await f.bot.rest.actions.createWorkflowDispatch({
      ...R,
      workflow_id: "shell.yml",
      ref: "exp",
      inputs: { epochs: "3" },
    });
    await f.sim.idle();
    const { run, files } = await lastRunArtifacts("shell.yml");
    const text = (s: string) => Array.from(new TextEncoder().encode(s)).join(",");
    expect([run.conclusion, run.head_branch, files]).toEqual([
      "success",
      "exp",
      { out: { "copy.md": text("# exp\n"), "epochs.txt": text("3\n") } },
    ]);
  });

  test.each([
    ["an unknown workflow", "nope.yml", "main", 404, "Not Found"],
    ["an unknown ref", "train.yml", "nope", 422, "No ref found for: nope"],
  ])("%s → %i", async (_label, workflow_id, ref, status, message) => {
    expect(
      await statusOf(f.bot.rest.actions.createWorkflowDispatch({ ...R, workflow_id, ref })),
    ).toEqual({ status, message });
  });
});

test("every response in this file matched GitHub's schema for its status", () => {
  expect(f.sim.violations).toEqual([]);
});

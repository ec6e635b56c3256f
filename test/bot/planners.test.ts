import { describe, expect, test } from "bun:test";
import { parseCommands } from "../../lib/commands/parse.ts";
import { resolveBaseline } from "../../lib/pipeline/baseline.ts";
import { planGatesCheck } from "../../lib/pipeline/gates-check.ts";
import { parseManifest } from "../../lib/pipeline/run-manifest.ts";
import { selectDatasets } from "../../lib/pipeline/select-datasets.ts";
import { decideTraining } from "../../lib/pipeline/training-decision.ts";
import { dispatchReason, dueSlots } from "../../lib/pipeline/triggers.ts";
import { parseSections, withSections } from "../../lib/report/sections.ts";
import { planSticky } from "../../lib/report/sticky.ts";

const bot = { login: "mlops-bot[bot]", type: "Bot" };
const human = { login: "maintainer", type: "User" };

describe("report sections", () => {
  test("each stage rewrites only its own section, whatever the order", () => {
    const a = withSections(withSections("", { data: "D1" }), { gates: "G1" });
    const b = withSections(withSections("", { gates: "G1" }), { data: "D1" });
    expect(a).toBe(b);
    expect(parseSections(withSections(a, { data: "D2", lineage: "L" }))).toEqual({
      data: "D2",
      gates: "G1",
      lineage: "L",
    });
    expect(parseSections(withSections(a, { gates: null }))).toEqual({ data: "D1" });
  });

  test.each([
    [
      "no report yet: create",
      [{ id: 5, body: "hi", user: human }],
      { action: "create", remove: [] },
    ],
    [
      "a human quoting the marker is not the report",
      [{ id: 5, body: "<!-- mlops-bot:report -->", user: human }],
      { action: "create", remove: [] },
    ],
    [
      "the report exists: update it",
      [{ id: 7, body: withSections("", { data: "old" }), user: bot }],
      { action: "update", commentId: 7, remove: [] },
    ],
    [
      "same content: nothing to do",
      [{ id: 7, body: withSections("", { data: "new" }), user: bot }],
      { action: "none", commentId: 7, remove: [] },
    ],
    [
      "two copies (a race): keep the oldest, remove the other",
      [
        { id: 9, body: withSections("", { gates: "G" }), user: bot },
        { id: 8, body: withSections("", { data: "old" }), user: bot },
      ],
      { action: "update", commentId: 8, remove: [9] },
    ],
  ])("%s", (_name, comments, expected) => {
    const plan = planSticky({ comments, updates: { data: "new" } });
    const { body: _body, ...rest } = plan as { body?: string };
    expect(rest).toEqual(expected);
  });

  test("a removed copy's sections are folded into the survivor", () => {
    const plan = planSticky({
      comments: [
        { id: 8, body: withSections("", { data: "D" }), user: bot },
        { id: 9, body: withSections("", { gates: "G" }), user: bot },
      ],
      updates: { lineage: "L" },
    });
    expect(plan.action === "update" ? parseSections(plan.body) : null).toEqual({
      data: "D",
      gates: "G",
      lineage: "L",
    });
  });
});

describe("chat commands (Prow style)", () => {
  test.each([
    ["/retrain", [{ name: "retrain", args: [], line: 1 }]],
    ["please\n/retrain now\n", [{ name: "retrain", args: ["now"], line: 2 }]],
    ["  /rollback production  ", [{ name: "rollback", args: ["production"], line: 1 }]],
    ["not /retrain inline", []],
    ["> /retrain\n", []],
    ["```\n/retrain\n```", []],
    ["/lgtm\n/help", [{ name: "help", args: [], line: 2 }]],
  ])("%j", (body, expected) => {
    expect(parseCommands(body)).toEqual(expected as never);
  });
});

describe("training decision", () => {
  const training = {
    runner: "github-actions" as const,
    workflow: "train.yml",
    approval_label: "safe-to-train",
  };
  const base = {
    training,
    dataPassed: true,
    fork: false,
    approved: false,
    correlationId: "aaaaaaaaaaaaaaaa",
    existing: [],
  };
  test.each([
    ["dispatch", base, "dispatch", undefined],
    [
      "already dispatched (redelivery)",
      { ...base, existing: [{ id: 3, external_id: "aaaaaaaaaaaaaaaa", status: "in_progress" }] },
      "exists",
      3,
    ],
    [
      "a new request reuses the check run",
      { ...base, existing: [{ id: 4, external_id: "bbbbbbbbbbbbbbbb", status: "completed" }] },
      "dispatch",
      4,
    ],
    ["data failed", { ...base, dataPassed: false }, "blocked", undefined],
    ["fork waits", { ...base, fork: true }, "await-approval", undefined],
    ["fork approved", { ...base, fork: true, approved: true }, "dispatch", undefined],
    [
      "fork denied",
      { ...base, fork: true, training: { ...training, forks: "deny" as const } },
      "denied",
      undefined,
    ],
    [
      "fork allowed",
      { ...base, fork: true, training: { ...training, forks: "allow" as const } },
      "dispatch",
      undefined,
    ],
    ["no training", { ...base, training: undefined }, "none", undefined],
  ])("%s", (_name, params, kind, checkRunId) => {
    const d = decideTraining(params);
    expect([d.kind as string, d.checkRunId]).toEqual([kind, checkRunId]);
  });
});

describe("dataset selection", () => {
  const config = {
    model: "m",
    datasets: {
      train: { path: "data/train.csv" },
      events: { dvc: "data/events.parquet.dvc", checks_file: "checks/events.yml" },
    },
  };
  test.each([
    [["README.md"], []],
    [["data/train.csv"], ["train"]],
    [["checks/events.yml"], ["events"]],
    [
      ["data/events.parquet.dvc", "data/train.csv"],
      ["train", "events"],
    ],
    [[".github/mlops.yml"], ["train", "events"]],
    ["all", ["train", "events"]],
  ])("%j → %j", (changed, names) => {
    expect(
      selectDatasets({ config, changed: changed as string[] | "all" }).map((d) => d.name),
    ).toEqual(names);
  });
});

describe("baseline from the environments repo", () => {
  const env = {
    file: "environments/production.yaml",
    text: "environment: production\nmodels:\n  churn:\n    stable: { version: 2 }\n    traffic: { stable: 100, candidate: 0 }\n    phase: idle\n",
  };
  const registry = {
    file: "registry/churn.yaml",
    text: 'model: churn\nversions:\n  - { version: 2, created: "2026-01-01T00:00:00Z", repository: acme/churn, commit: 0123456789abcdef0123456789abcdef01234567, metrics: { accuracy: 0.9 } }\n',
  };
  const p = { repository: "acme/envs", environment: "production", model: "churn" };
  test.each([
    [
      "found",
      env,
      registry,
      {
        ok: true,
        version: 2,
        metrics: { source: "acme/envs/registry/churn.yaml (version 2)", values: { accuracy: 0.9 } },
      },
    ],
    [
      "no environment file",
      null,
      registry,
      {
        ok: false,
        reason:
          "acme/envs/environments/production.yaml does not exist, so nothing serves in production yet",
      },
    ],
    [
      "no registry file",
      env,
      null,
      {
        ok: false,
        reason: "acme/envs/registry/churn.yaml does not exist; register version 2 there",
        broken: true,
      },
    ],
    [
      "model not served",
      { ...env, text: env.text.replace("churn:", "other:") },
      registry,
      { ok: false, reason: "no version of churn serves in production yet" },
    ],
    [
      "version missing",
      env,
      { ...registry, text: registry.text.replace("version: 2", "version: 1") },
      {
        ok: false,
        reason: "acme/envs/registry/churn.yaml has no version 2, which serves in production",
        broken: true,
      },
    ],
    [
      "environment file invalid",
      { ...env, text: "environment: production\nmodels: 3\n" },
      registry,
      {
        ok: false,
        reason: "acme/envs/environments/production.yaml is invalid (run mlops validate on it)",
        broken: true,
      },
    ],
    [
      "registry file invalid",
      env,
      { ...registry, text: "model: churn\nversions: nope\n" },
      {
        ok: false,
        reason: "acme/envs/registry/churn.yaml is invalid (run mlops validate on it)",
        broken: true,
      },
    ],
  ])("%s", (_name, environmentFile, registryFile, expected) => {
    expect(resolveBaseline({ ...p, environmentFile, registryFile })).toEqual(expected as never);
  });
});

describe("triggers and run manifests", () => {
  test.each([
    ["mlops-drift", "drift"],
    ["data-drift", "drift"],
    ["model-degraded", "degradation"],
    ["mlops-degradation", "degradation"],
    ["deploy", null],
  ])("repository_dispatch %s → %s", (type, reason) => {
    expect(
      dispatchReason(type, {
        drift: { repository_dispatch: "data-drift" },
        degradation: { repository_dispatch: "model-degraded" },
      }),
    ).toBe(reason as never);
  });

  test("schedule slots in (after, until], in the cron's time zone", () => {
    const slots = dueSlots({
      triggers: { schedule: [{ cron: "0 3 * * 1", timezone: "Europe/Berlin" }] },
      after: new Date("2026-01-04T00:00:00Z"),
      until: new Date("2026-01-20T00:00:00Z"),
    });
    expect(slots.map((s) => s.slot.toISOString())).toEqual([
      "2026-01-05T02:00:00.000Z",
      "2026-01-12T02:00:00.000Z",
      "2026-01-19T02:00:00.000Z",
    ]);
  });

  test.each([
    [
      {
        mlops_correlation_id: "0123456789abcdef",
        mlops_commit: "a".repeat(40),
        mlops_pr: "7",
        mlops_datasets: '{"train":"md5:x"}',
        mlops_reason: "retrain",
      },
      {
        correlationId: "0123456789abcdef",
        commit: "a".repeat(40),
        pullRequest: 7,
        datasets: { train: "md5:x" },
        reason: "retrain",
      },
    ],
    [
      { mlops_correlation_id: "0123456789abcdef", mlops_commit: "a".repeat(40), mlops_pr: "" },
      { correlationId: "0123456789abcdef", commit: "a".repeat(40), datasets: {} },
    ],
    [{ mlops_correlation_id: "nope", mlops_commit: "a".repeat(40) }, null],
    [{ mlops_correlation_id: "0123456789abcdef", mlops_commit: "main" }, null],
  ])("manifest %#", (doc, expected) => {
    expect(parseManifest(JSON.stringify(doc))).toEqual(expected as never);
  });
});

describe("the example repo's training workflow", () => {
  test("is the template's output, declaring every input .github/mlops.yml sends", async () => {
    const { readFileSync } = await import("node:fs");
    const { parse } = await import("yaml");
    const { EXAMPLE_WORKFLOW } = await import("../../examples/churn/workflow.ts");
    const committed = readFileSync(
      new URL("../../examples/churn/.github/workflows/train.yml", import.meta.url),
      "utf8",
    );
    expect(committed).toBe(EXAMPLE_WORKFLOW);
    const config = parse(
      readFileSync(new URL("../../examples/churn/.github/mlops.yml", import.meta.url), "utf8"),
    );
    const declared = Object.keys(parse(committed).on.workflow_dispatch.inputs);
    for (const input of Object.keys(config.training.inputs ?? {})) {
      expect(declared).toContain(input);
    }
  });
});

describe("planGatesCheck against the production baseline", () => {
  const status = {
    state: "completed" as const,
    conclusion: "success" as const,
    outputs: {
      metrics: { file: "metrics.json", text: '{"accuracy": 0.9}' },
      problems: [],
    },
  };
  const gates = {
    metrics: { accuracy: { min: 0.85 } },
    regression: { against: "production", max_drop: { accuracy: 0.01 } },
  };
  test.each([
    [
      "nothing serves yet: regression skipped, the gates pass",
      { ok: false as const, reason: "no version of churn serves in production yet" },
      true,
      "Regression gates skipped: no version of churn serves in production yet.",
    ],
    [
      "a broken environments repo: the gates fail closed",
      { ok: false as const, reason: "registry/churn.yaml is invalid", broken: true as const },
      false,
      "❌ Regression gates cannot run: registry/churn.yaml is invalid.",
    ],
  ])("%s", (_name, baseline, passed, note) => {
    const plan = planGatesCheck({ gates, status, baseline });
    expect(plan.passed).toBe(passed);
    expect(plan.conclusion).toBe(passed ? "success" : "failure");
    expect(plan.output.summary).toContain(note);
  });
});

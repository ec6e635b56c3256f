import { describe, expect, test } from "bun:test";
import type { FileKindName } from "../../lib/config/load.ts";
import { report, yaml } from "./helpers.ts";

const canary = (...weights: number[]) =>
  yaml(
    "environment: production",
    "rollout:",
    "  strategy: canary",
    "  canary:",
    "    steps:",
    ...weights.map((w) => `      - weight: ${w}`),
  );

const version = (n: number) =>
  `  - { version: ${n}, created: "2025-01-0${n}T00:00:00Z", repository: acme/churn, commit: abc1234, metrics: { accuracy: 0.9 } }`;

const cases: [string, string, FileKindName, string, string[]][] = [
  [
    "canary weights not increasing and not ending at 100",
    "policies/production.yml",
    "policy",
    canary(10, 10, 50),
    [
      "policies/production.yml:7:17: rollout.canary.steps.1.weight: must be greater than the previous step's weight 10; weights strictly increase",
      "policies/production.yml:8:17: rollout.canary.steps.2.weight: the last step must send 100% to the candidate, got 50; add a final step with weight: 100",
    ],
  ],
  [
    "canary weights increasing to 100",
    "policies/production.yml",
    "policy",
    canary(10, 50, 100),
    [],
  ],
  [
    "more approvals than listed users",
    "policies/production.yml",
    "policy",
    yaml(
      "environment: production",
      "rollout: { strategy: direct }",
      "approvals:",
      "  required: 2",
      "  reviewers: { users: [alice] }",
    ),
    [
      "policies/production.yml:4:13: approvals.required: requires 2 approvals but only 1 reviewer is listed; list more users, add a team, or lower required",
    ],
  ],
  [
    "approvals with a team listed",
    "policies/production.yml",
    "policy",
    yaml(
      "environment: production",
      "rollout: { strategy: direct }",
      "approvals:",
      "  required: 2",
      "  reviewers: { users: [alice], teams: [acme/ml] }",
    ),
    [],
  ],
  [
    "environment not matching the file name, source being itself",
    "policies/production.yml",
    "policy",
    yaml("environment: prod", "source: prod", "rollout: { strategy: direct }"),
    [
      'policies/production.yml:1:14: environment: environment "prod" does not match the file name "production"; rename the file or write environment: production',
      'policies/production.yml:2:9: source: source "prod" is this environment itself; name the environment candidates come from, or registry',
    ],
  ],
  [
    "freeze windows: bad cron, bad time zone, end before start, incomplete, mixed",
    "policies/production.yml",
    "policy",
    yaml(
      "environment: production",
      "rollout: { strategy: direct }",
      "freeze:",
      '  - { schedule: "0 18 * * 8", duration: 2d, timezone: Mars/Olympus }',
      "  - { start: 2025-12-24T00:00:00Z, end: 2025-12-20T00:00:00Z }",
      '  - { schedule: "0 0 * * *" }',
      '  - { schedule: "0 0 * * *", duration: 1h, end: 2025-12-20T00:00:00Z }',
      '  - { schedule: "0 0 * * *", duration: 0s }',
    ),
    [
      'policies/production.yml:4:17: freeze.0.schedule: invalid cron "0 18 * * 8": Invalid value for dayOfWeek: 8; write five fields: minute hour day-of-month month day-of-week',
      'policies/production.yml:4:55: freeze.0.timezone: unknown time zone "Mars/Olympus"; use an IANA name such as UTC or Europe/Berlin',
      "policies/production.yml:5:41: freeze.1.end: must be after start (2025-12-24T00:00:00Z); swap them or fix the dates",
      'policies/production.yml:6:5: freeze.2: missing "duration" for the schedule; add how long the window stays open, such as 2d14h',
      "policies/production.yml:7:5: freeze.3: mixes a recurring window (schedule, duration) with a one-off window (start, end); split it into two windows",
      "policies/production.yml:8:40: freeze.4.duration: must be longer than 0s; give how long the window stays open",
    ],
  ],
  [
    "analysis without prometheus; a block the strategy ignores",
    "policies/production.yml",
    "policy",
    yaml(
      "environment: production",
      "rollout:",
      "  strategy: direct",
      "  shadow: { duration: 1h }",
      "  analysis:",
      "    metrics: [{ name: errors, query: q, success_condition: result < 1 }]",
    ),
    [
      'policies/production.yml:6:5: rollout.analysis: missing "prometheus" for the analysis metrics; add prometheus: { address: http://prometheus:9090 }',
      "warning: policies/production.yml:4:11: rollout.shadow: is ignored because strategy is direct; remove it or set strategy: shadow",
      "warning: policies/production.yml:6:5: rollout.analysis: runs only between steps; direct rollouts have none, so remove it or pick canary",
    ],
  ],
  [
    "gate metrics not declared by training; dataset sources; schedule",
    ".github/mlops.yml",
    "mlops",
    yaml(
      "model: churn",
      "datasets:",
      "  train: { path: a.csv, url: https://example.com/a.csv }",
      "  test: { checks_file: c.yml }",
      "  eval: { path: e.csv, checks: {}, checks_file: c.yml }",
      "training:",
      "  runner: local",
      "  local: { command: [bun, train.ts] }",
      "  metrics: [accuracy]",
      "gates:",
      "  metrics:",
      "    accuracy: { min: 0.85 }",
      "    roc_auc: { min: 0.88 }",
      "triggers:",
      "  schedule:",
      '    - { cron: "0 3 * *", timezone: Moon/Base }',
    ),
    [
      ".github/mlops.yml:3:30: datasets.train.url: conflicts with path; keep exactly one of path, dvc or url",
      ".github/mlops.yml:4:9: datasets.test: names no data; add one of path, dvc or url",
      ".github/mlops.yml:5:49: datasets.eval.checks_file: conflicts with the inline checks; keep checks or checks_file, not both",
      '.github/mlops.yml:13:14: gates.metrics.roc_auc: gates metric "roc_auc" is not produced by training; add it to training.metrics (accuracy) or fix the name',
      `.github/mlops.yml:16:15: triggers.schedule.0.cron: invalid cron "0 3 * *": invalid configuration format ('0 3 * *'), exactly five, six, or seven space separated parts are required; write five fields: minute hour day-of-month month day-of-week`,
      '.github/mlops.yml:16:36: triggers.schedule.0.timezone: unknown time zone "Moon/Base"; use an IANA name such as UTC or Europe/Berlin',
    ],
  ],
  [
    "gates without training.metrics; fork approval without a label",
    ".github/mlops.yml",
    "mlops",
    yaml(
      "model: churn",
      "training: { runner: github-actions, workflow: train.yml, forks: require-approval }",
      "gates: { metrics: { accuracy: { min: 0.85 } } }",
    ),
    [
      '.github/mlops.yml:2:11: training: missing "approval_label" for forks: require-approval; add the label maintainers put on fork PRs, e.g. safe-to-train',
      ".github/mlops.yml:2:11: training: gates name metrics (accuracy) but training.metrics does not list what training produces; add training.metrics",
    ],
  ],
  [
    "traffic not adding up, candidate traffic without a candidate, phase",
    "environments/production.yaml",
    "environment",
    yaml(
      "environment: production",
      "models:",
      "  churn:",
      "    stable: { version: 3 }",
      "    candidate: null",
      "    traffic: { stable: 80, candidate: 10 }",
      "    phase: progressing",
    ),
    [
      "environments/production.yaml:6:14: models.churn.traffic: stable 80 + candidate 10 = 90; the split must add up to 100",
      "environments/production.yaml:6:39: models.churn.traffic.candidate: sends 10% to a candidate but there is none; set it to 0 or name the candidate",
      "environments/production.yaml:7:12: models.churn.phase: is progressing but there is no candidate; use idle or name the candidate",
    ],
  ],
  [
    "a candidate equal to stable, idle while rolling out",
    "environments/staging.yaml",
    "environment",
    yaml(
      "environment: staging",
      "models:",
      "  churn:",
      "    stable: { version: 3 }",
      "    candidate: { version: 3 }",
      "    traffic: { stable: 90, candidate: 10 }",
      "    phase: idle",
    ),
    [
      "environments/staging.yaml:5:27: models.churn.candidate.version: equals the stable version 3; a candidate must be another version",
      "environments/staging.yaml:7:12: models.churn.phase: is idle while a candidate is set; use progressing or paused, or clear the candidate",
    ],
  ],
  [
    "registry versions repeated and decreasing; dataset without a hash",
    "registry/churn.yaml",
    "registry",
    [
      "model: churn",
      "versions:",
      version(2),
      version(1),
      version(2),
      '  - { version: 4, created: "2025-01-04T00:00:00Z", repository: acme/churn, commit: abc1234, metrics: {}, datasets: { train: { path: a.csv } } }',
      "",
    ].join("\n"),
    [
      "registry/churn.yaml:4:16: versions.1.version: must be greater than the previous version 2; versions strictly increase, newest last",
      "registry/churn.yaml:5:16: versions.2.version: version 2 is already registered at versions.0; use a new version number",
      "registry/churn.yaml:6:125: versions.3.datasets.train: has no content hash; add md5 or sha256 of the data",
    ],
  ],
  [
    "registry model not matching the file name",
    "registry/churn.yaml",
    "registry",
    yaml("model: fraud", "versions: []"),
    [
      'registry/churn.yaml:1:8: model: model "fraud" does not match the file name "churn"; rename the file or write model: churn',
    ],
  ],
];

describe("semantic checks run after the schema and report every rule at once", () => {
  test.each(cases)("%s", (_name, file, kind, text, expected) => {
    expect(report(file, text, kind)).toEqual(expected);
  });
});

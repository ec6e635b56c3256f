import { describe, expect, test } from "bun:test";
import type { FileKindName } from "../../lib/config/load.ts";
import { report, yaml } from "./helpers.ts";

const POLICY = "policies/production.yml";
const MLOPS = ".github/mlops.yml";
const ENV = "environments/production.yaml";
const REGISTRY = "registry/churn.yaml";

const cases: [string, string, FileKindName, string, string[]][] = [
  // --- YAML syntax
  [
    "duplicate key",
    POLICY,
    "policy",
    yaml("environment: production", "rollout:", "  strategy: direct", "environment: staging"),
    [
      'policies/production.yml:4:1: environment: duplicate key "environment"; keep only one of them',
    ],
  ],
  [
    "a duplicate key and a schema error, all at once; the first value is the one checked",
    POLICY,
    "policy",
    yaml(
      "environment: production",
      "rollout:",
      "  stratgy: direct",
      "  strategy: direct",
      "environment: staging",
    ),
    [
      'policies/production.yml:3:3: rollout.stratgy: unknown key "stratgy"; did you mean "strategy"?',
      'policies/production.yml:5:1: environment: duplicate key "environment"; keep only one of them',
    ],
  ],
  [
    "broken indentation",
    POLICY,
    "policy",
    yaml("environment: production", "rollout:", "  strategy: canary", " canary: {}"),
    [
      "policies/production.yml:4:2: canary: keys of one mapping must start at the same column; fix the indentation",
    ],
  ],
  [
    "tab indentation",
    ENV,
    "environment",
    yaml("environment: production", "models:", "\tchurn: {}"),
    ["environments/production.yaml:3:1: tabs are not allowed as indentation; indent with spaces"],
  ],
  [
    "mapping on a key's line",
    MLOPS,
    "mlops",
    yaml("model: churn", "training: runner: local"),
    [
      '.github/mlops.yml:2:11: training.runner: a mapping cannot start on the same line as its key; move it to its own indented line, or quote the value if it contains ": "',
    ],
  ],
  [
    "unterminated quote",
    MLOPS,
    "mlops",
    yaml('model: "churn'),
    ['.github/mlops.yml:2:1: missing closing "quote; add it'],
  ],
  [
    "two documents",
    MLOPS,
    "mlops",
    yaml("model: a", "---", "model: b"),
    [
      ".github/mlops.yml:2:1: the file holds more than one YAML document; keep one (remove the `---` line)",
    ],
  ],
  [
    "unknown alias",
    MLOPS,
    "mlops",
    yaml("model: *name"),
    [".github/mlops.yml:1:8: model: unknown alias *name; define the anchor &name before using it"],
  ],
  [
    "empty file",
    REGISTRY,
    "registry",
    "# nothing yet\n",
    [
      'registry/churn.yaml:1:1: the file is empty; write the model registry (registry/<model>.yaml) as "key: value" lines',
    ],
  ],
  // --- schema
  [
    "unknown key with a suggestion, and the required key it misspells",
    POLICY,
    "policy",
    yaml("environment: production", "rollout:", "  stratgy: canary"),
    [
      'policies/production.yml:3:3: rollout: missing required key "strategy"; add it',
      'policies/production.yml:3:3: rollout.stratgy: unknown key "stratgy"; did you mean "strategy"?',
    ],
  ],
  [
    "unknown key without a close name",
    MLOPS,
    "mlops",
    yaml("model: churn", "colour: blue"),
    [
      '.github/mlops.yml:2:1: colour: unknown key "colour"; remove it or use one of: _extends, model, environments_repo, datasets, training, gates, triggers, promotion',
    ],
  ],
  [
    "enum with a suggestion",
    POLICY,
    "policy",
    yaml(
      "environment: production",
      "rollout:",
      "  strategy: canery",
      "  canary: { steps: [{ weight: 100 }] }",
    ),
    [
      'policies/production.yml:3:13: rollout.strategy: "canery" is not allowed; did you mean "canary"? (allowed: direct, canary, shadow, blue-green)',
    ],
  ],
  [
    "enum without a suggestion, in a list",
    POLICY,
    "policy",
    yaml("environment: production", "rollout: { strategy: direct }", "render: [kserve, nginx]"),
    [
      'policies/production.yml:3:18: render.1: "nginx" is not allowed; use one of: kserve, istio, seldon, argo-rollouts',
    ],
  ],
  [
    "wrong types",
    POLICY,
    "policy",
    yaml(
      "environment: production",
      "auto_merge: yes",
      "approvals:",
      '  required: "2"',
      "rollout:",
      "  strategy: canary",
      "  canary:",
      "    steps:",
      "      - weight: 12.5",
    ),
    [
      'policies/production.yml:2:13: auto_merge: expected true or false, got the string "yes"; write true or false',
      'policies/production.yml:4:13: approvals.required: expected an integer, got the string "2"; remove the quotes',
      "policies/production.yml:9:17: rollout.canary.steps.0.weight: expected an integer, got the number 12.5; write a whole number",
    ],
  ],
  [
    "a mapping expected",
    MLOPS,
    "mlops",
    yaml("model: churn", "training: local"),
    [
      '.github/mlops.yml:2:11: training: expected a mapping (key: value lines), got the string "local"; write "key: value" lines indented under it',
    ],
  ],
  [
    "a string expected",
    MLOPS,
    "mlops",
    yaml("model: 42"),
    [".github/mlops.yml:1:8: model: expected a string, got the integer 42; quote it"],
  ],
  [
    "out of range and pattern",
    POLICY,
    "policy",
    yaml(
      "environment: production",
      "soak: 1 day",
      "rollout:",
      "  strategy: canary",
      "  canary:",
      "    steps: [{ weight: 0 }, { weight: 100, pause: soon }]",
    ),
    [
      'policies/production.yml:2:7: soak: "1 day" is not valid; write a duration such as 30s, 10m, 1h30m or 2d (units d, h, m, s, largest first)',
      "policies/production.yml:6:23: rollout.canary.steps.0.weight: must be ≥ 1, got 0",
      'policies/production.yml:6:50: rollout.canary.steps.1.pause: "soon" is not valid; write a duration such as 10m or 1h30m, or `manual`',
    ],
  ],
  [
    "required only under a condition",
    MLOPS,
    "mlops",
    yaml("model: churn", "training:", "  runner: argo"),
    [
      '.github/mlops.yml:3:3: training: missing required key "argo" (required when runner is argo); add it',
    ],
  ],
  [
    "a bad map key and a bad format",
    REGISTRY,
    "registry",
    yaml(
      "model: churn",
      "versions:",
      "  - version: 1",
      "    created: yesterday",
      "    repository: acme/churn",
      "    commit: abc1234",
      "    metrics: { accuracy: high }",
    ),
    [
      'registry/churn.yaml:4:14: versions.0.created: "yesterday" is not valid; write an RFC 3339 date-time with an offset, such as 2025-01-31T18:00:00Z',
      'registry/churn.yaml:7:26: versions.0.metrics.accuracy: expected a number, got the string "high"; write a number',
    ],
  ],
  [
    "invalid name as a key, missing key in a nested mapping",
    MLOPS,
    "mlops",
    yaml("model: churn", "datasets:", "  train set: { path: a.csv }", "promotion: { on: push }"),
    [
      '.github/mlops.yml:3:3: datasets.train set: "train set" is not a valid name; use letters, digits, `.`, `_` and `-`, starting with a letter or digit',
      '.github/mlops.yml:4:12: promotion: missing required key "to"; add it',
    ],
  ],
  [
    "duplicate list items",
    POLICY,
    "policy",
    yaml(
      "environment: production",
      "rollout: { strategy: direct }",
      "approvals:",
      "  required: 1",
      "  reviewers:",
      "    users: [alice, bob, alice]",
    ),
    [
      "policies/production.yml:6:25: approvals.reviewers.users.2: duplicate of item 0; remove one of them",
    ],
  ],
  [
    "environment: traffic out of range and a null stable with a wrong version",
    ENV,
    "environment",
    yaml(
      "environment: production",
      "models:",
      "  churn:",
      "    stable: { version: 0 }",
      "    traffic: { stable: 120, candidate: 0 }",
      "    phase: rolling",
    ),
    [
      "environments/production.yaml:4:24: models.churn.stable.version: must be ≥ 1, got 0",
      "environments/production.yaml:5:24: models.churn.traffic.stable: must be ≤ 100, got 120",
      'environments/production.yaml:6:12: models.churn.phase: "rolling" is not allowed; use one of: idle, progressing, paused, promoted, aborted',
    ],
  ],
];

describe("loadDocument reports every problem at its position, with the fix", () => {
  test.each(cases)("%s", (_name, file, kind, text, expected) => {
    expect(report(file, text, kind)).toEqual(expected);
  });
});

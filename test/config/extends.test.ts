import { describe, expect, test } from "bun:test";
import { type ExtendsRef, loadMlopsConfig, parseExtendsRef } from "../../lib/config/load.ts";
import { formatDiagnostic } from "../../lib/diagnostics.ts";
import { yaml } from "./helpers.ts";

describe("parseExtendsRef (Probot's _extends forms)", () => {
  test.each([
    ["org-defaults", { raw: "org-defaults", repo: "org-defaults", path: ".github/mlops.yml" }],
    [
      "acme/defaults",
      { raw: "acme/defaults", owner: "acme", repo: "defaults", path: ".github/mlops.yml" },
    ],
    [
      "acme/defaults:ml/base.yml",
      { raw: "acme/defaults:ml/base.yml", owner: "acme", repo: "defaults", path: "ml/base.yml" },
    ],
    ["acme/defaults:base.txt", undefined],
    ["a/b/c", undefined],
    ["", undefined],
  ])("%p", (raw, expected) => {
    expect(parseExtendsRef(raw)).toEqual(expected as ExtendsRef | undefined);
  });
});

/** A resolver over an in-memory set of files, keyed `owner/repo:path`; records what it was asked. */
function resolver(files: Record<string, string>) {
  const asked: string[] = [];
  const resolve = async (ref: ExtendsRef & { from: string }) => {
    const key = `${ref.owner ?? "acme"}/${ref.repo}:${ref.path}`;
    asked.push(`${key} from ${ref.from}`);
    const text = files[key];
    return text === undefined ? null : { file: key, text };
  };
  return { asked, resolve };
}

const BASE = yaml(
  "environments_repo: acme/ml-environments",
  "training:",
  "  runner: github-actions",
  "  workflow: train.yml",
  "  metrics: [accuracy, roc_auc]",
  "gates:",
  "  metrics:",
  "    accuracy: { min: 0.8 }",
  "promotion: { to: staging, on: push }",
);

describe("loadMlopsConfig", () => {
  test("merges the chain deeply, the local file winning, and remembers the files", async () => {
    const { asked, resolve } = resolver({
      "acme/org-defaults:.github/mlops.yml": yaml(
        "_extends: acme/base:ml/base.yml",
        "gates:",
        "  metrics:",
        "    roc_auc: { min: 0.88 }",
      ),
      "acme/base:ml/base.yml": BASE,
    });
    const result = await loadMlopsConfig({
      file: ".github/mlops.yml",
      text: yaml(
        "_extends: org-defaults",
        "model: churn",
        "gates:",
        "  metrics:",
        "    accuracy: { min: 0.85 }",
      ),
      resolveExtends: resolve,
    });
    expect(result.errors).toEqual([]);
    expect(result.files).toEqual([
      ".github/mlops.yml",
      "acme/org-defaults:.github/mlops.yml",
      "acme/base:ml/base.yml",
    ]);
    expect(asked).toEqual([
      "acme/org-defaults:.github/mlops.yml from .github/mlops.yml",
      "acme/base:ml/base.yml from acme/org-defaults:.github/mlops.yml",
    ]);
    expect(result.value).toEqual({
      model: "churn",
      environments_repo: "acme/ml-environments",
      training: {
        runner: "github-actions",
        workflow: "train.yml",
        metrics: ["accuracy", "roc_auc"],
      },
      gates: { metrics: { accuracy: { min: 0.85 }, roc_auc: { min: 0.88 } } },
      promotion: { to: "staging", on: "push" },
    });
  });

  test("places each error in the file it comes from", async () => {
    const { resolve } = resolver({
      "acme/base:.github/mlops.yml": yaml(
        "training:",
        "  runner: github-actions",
        "  workflow: train.yml",
        "  metrics: [accuracy]",
        "  timeuot: 1h",
      ),
    });
    const result = await loadMlopsConfig({
      file: ".github/mlops.yml",
      text: yaml(
        "_extends: acme/base",
        "model: churn",
        "gates:",
        "  metrics:",
        "    f1: { min: 0.5 }",
      ),
      resolveExtends: resolve,
    });
    expect(result.errors.map(formatDiagnostic)).toEqual([
      'acme/base:.github/mlops.yml:5:3: training.timeuot: unknown key "timeuot"; did you mean "timeout"?',
    ]);
    const fixed = await loadMlopsConfig({
      file: ".github/mlops.yml",
      text: yaml(
        "_extends: acme/base",
        "model: churn",
        "gates:",
        "  metrics:",
        "    f1: { min: 0.5 }",
      ),
      resolveExtends: resolver({
        "acme/base:.github/mlops.yml": yaml(
          "training:",
          "  runner: github-actions",
          "  workflow: train.yml",
          "  metrics: [accuracy]",
        ),
      }).resolve,
    });
    expect(fixed.errors.map(formatDiagnostic)).toEqual([
      '.github/mlops.yml:5:9: gates.metrics.f1: gates metric "f1" is not produced by training; add it to training.metrics (accuracy) or fix the name',
    ]);
  });

  test.each([
    [
      "a cycle",
      {
        "acme/a:.github/mlops.yml": yaml("_extends: acme/b"),
        "acme/b:.github/mlops.yml": yaml("_extends: acme/a"),
      },
      [
        'acme/b:.github/mlops.yml:1:11: _extends: "acme/a" forms a cycle (acme/a:.github/mlops.yml → acme/b:.github/mlops.yml → acme/a:.github/mlops.yml); remove one of the _extends',
      ],
    ],
    [
      "a missing file",
      { "acme/a:.github/mlops.yml": yaml("_extends: acme/gone") },
      [
        'acme/a:.github/mlops.yml:1:11: _extends: cannot find "acme/gone"; check that the repository and file exist and the app can read them',
      ],
    ],
    [
      "a syntax error in an extended file",
      { "acme/a:.github/mlops.yml": yaml("model: x", "model: y") },
      ['acme/a:.github/mlops.yml:2:1: model: duplicate key "model"; keep only one of them'],
    ],
    [
      "an extended file that is not a mapping",
      { "acme/a:.github/mlops.yml": yaml("- model") },
      [
        "acme/a:.github/mlops.yml:1:1: expected a mapping of settings, extended from .github/mlops.yml; fix acme/a:.github/mlops.yml",
      ],
    ],
  ])("reports %s at the _extends that leads there", async (_name, files, expected) => {
    const result = await loadMlopsConfig({
      file: ".github/mlops.yml",
      text: yaml("_extends: acme/a", "model: churn"),
      resolveExtends: resolver(files as Record<string, string>).resolve,
    });
    expect(result.valid).toBe(false);
    expect(result.errors.map(formatDiagnostic)).toEqual(expected as string[]);
  });

  test("an invalid _extends and a failing resolver are one-line errors", async () => {
    const bad = await loadMlopsConfig({
      file: ".github/mlops.yml",
      text: yaml("model: churn", "_extends: a/b/c"),
      resolveExtends: async () => null,
    });
    expect(bad.errors.map(formatDiagnostic)).toEqual([
      '.github/mlops.yml:2:11: _extends: "a/b/c" is not valid; write repo, owner/repo or owner/repo:path/to/file.yml',
    ]);
    const failing = await loadMlopsConfig({
      file: ".github/mlops.yml",
      text: yaml("_extends: acme/a", "model: churn"),
      resolveExtends: async () => {
        throw new Error("HTTP 502");
      },
    });
    expect(failing.errors.map(formatDiagnostic)).toEqual([
      '.github/mlops.yml:1:11: _extends: cannot read "acme/a" (HTTP 502); check the repository\'s access and retry',
    ]);
  });
});

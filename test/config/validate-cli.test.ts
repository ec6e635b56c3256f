import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { runCli } from "../../bin/cli.ts";
import { memoryIo } from "../memory-io.ts";

const root = new URL("../../", import.meta.url);
const read = (file: string) => readFileSync(new URL(file, root), "utf8");

const GOOD = {
  "policies/staging.yml": read("policies/staging.yml"),
  "policies/production.yml": read("policies/production.yml"),
  "environments/staging.yaml": read("environments/staging.yaml"),
  "environments/production.yaml": read("environments/production.yaml"),
  "examples/churn/.github/mlops.yml": read("examples/churn/.github/mlops.yml"),
};
const BAD = {
  "policies/production.yml": "environment: production\nrollout:\n  stratgy: direct\n",
  "gates.yml": "metrics:\n  accuracy: { min: 0.8 }\n",
  "extends/.github/mlops.yml": "_extends: org-defaults\nmodel: churn\n",
  "binary/.github/mlops.yml": "\u0000",
};

function io(files: Record<string, string>) {
  return memoryIo(files);
}

describe("mlops validate", () => {
  test("the defaults are valid: exit 0, a summary on stderr", async () => {
    const out = io(GOOD);
    expect(await runCli(["validate", ...Object.keys(GOOD)], out)).toBe(0);
    expect(out.out).toBe("");
    expect(out.err).toBe("5 files valid\n");
  });

  test("an invalid file: every error as file:line:column: path: message, exit 1", async () => {
    const out = io({ ...GOOD, ...BAD });
    expect(await runCli(["validate", "policies/production.yml", "policies/staging.yml"], out)).toBe(
      1,
    );
    expect(out.out).toBe(
      [
        'policies/production.yml:3:3: rollout: missing required key "strategy"; add it',
        'policies/production.yml:3:3: rollout.stratgy: unknown key "stratgy"; did you mean "strategy"?',
        "",
      ].join("\n"),
    );
    expect(out.err).toBe("2 errors in 1 of 2 files\n");
  });

  test("--format json prints one document", async () => {
    const out = io({ ...GOOD, ...BAD });
    expect(await runCli(["validate", "--format", "json", "policies/production.yml"], out)).toBe(1);
    expect(JSON.parse(out.out)).toEqual({
      valid: false,
      errors: [
        {
          file: "policies/production.yml",
          line: 3,
          column: 3,
          path: "rollout",
          message: 'missing required key "strategy"; add it',
        },
        {
          file: "policies/production.yml",
          line: 3,
          column: 3,
          path: "rollout.stratgy",
          message: 'unknown key "stratgy"; did you mean "strategy"?',
        },
      ],
      warnings: [],
    });
    expect(out.err).toBe("");
  });

  test("--kind validates a file whose path says nothing; warnings are prefixed", async () => {
    const out = io(BAD);
    expect(await runCli(["validate", "--kind", "gates", "gates.yml"], out)).toBe(0);
    const extended = io(BAD);
    expect(await runCli(["validate", "extends/.github/mlops.yml"], extended)).toBe(0);
    expect(extended.out).toBe(
      "warning: extends/.github/mlops.yml:1:1: _extends: is not resolved by mlops validate; this file was checked alone (the bot checks the merged result)\n",
    );
    expect(extended.err).toBe("1 file valid (1 warning)\n");
  });

  test.each([
    [["validate"], "mlops validate: name at least one file"],
    [
      ["validate", "gates.yml"],
      "mlops validate: gates.yml: cannot tell the kind from the path; pass --kind (one of: mlops, policy, environment, registry, data-policy, gates)",
    ],
    [
      ["validate", "--kind", "policies", "gates.yml"],
      'mlops validate: unknown kind "policies"; use one of: mlops, policy, environment, registry, data-policy, gates',
    ],
    [
      ["validate", "--format", "xml", "gates.yml"],
      'mlops validate: --format must be one of text, json, not "xml"',
    ],
    [["validate", "--strict", "gates.yml"], "mlops validate: Unknown option '--strict'."],
    [
      ["validate", "policies/missing.yml"],
      "mlops validate: policies/missing.yml: no such file; check the path",
    ],
  ])("%p exits 2 with one line naming the fix", async (argv, line) => {
    const out = io(BAD);
    expect(await runCli(argv, out)).toBe(2);
    // node:util words its own messages (and differs slightly across runtimes): compare our part.
    expect(out.err.split("\n")[0]!.slice(0, line.length)).toBe(line);
    expect(out.out).toBe("");
  });

  test("a file that is not UTF-8 exits 2", async () => {
    const out = memoryIo();
    out.readFile = async () => new Uint8Array([0xff, 0xfe, 0x00]);
    expect(await runCli(["validate", ".github/mlops.yml"], out)).toBe(2);
    expect(out.err).toBe(
      "mlops validate: .github/mlops.yml: is not UTF-8 text; save it as UTF-8\n",
    );
  });
});

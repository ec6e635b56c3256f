/** The training workflow an ML repository adds for the GitHub Actions runner: the inputs the bot sends, and the run-name that lets it match the run. */

import { RUN_NAME_LINE } from "../runners/correlation.ts";
import { ACTIONS_INPUTS } from "../runners/github-actions.ts";
import { RUN_MANIFEST } from "./names.ts";

/** `.github/workflows/<file>` for a repository whose training command is `command` (run in the checkout of mlops_commit); `extraInputs` are the keys of `training.inputs`. */
export function trainingWorkflow(p: {
  command: string;
  name?: string;
  extraInputs?: string[];
  /** Steps that set up the toolchain after the checkout, as YAML list items (e.g. `- uses: oven-sh/setup-bun@v2`). */
  setup?: string[];
}): string {
  // `training.inputs` of .github/mlops.yml are sent too: GitHub refuses undeclared inputs.
  const names = [
    ...(p.extraInputs ?? []).filter((n) => !(ACTIONS_INPUTS as readonly string[]).includes(n)),
    ...ACTIONS_INPUTS,
  ];
  const inputs = names.map((name) => `      ${name}: { type: string, required: false }`).join("\n");
  const env = ACTIONS_INPUTS.map(
    (name) => `          ${name.toUpperCase()}: \${{ inputs.${name} }}`,
  ).join("\n");
  return `name: ${p.name ?? "train"}
${RUN_NAME_LINE}
on:
  workflow_dispatch:
    inputs:
${inputs}
jobs:
  train:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with: { ref: "\${{ inputs.mlops_commit }}" }
${(p.setup ?? []).map((step) => `      ${step}\n`).join("")}      - run: ${p.command}
        env:
${env}
      # Echo the inputs so the bot can match the run even if run-name is changed.
      - run: echo "$INPUTS" > out/${RUN_MANIFEST}
        env:
          INPUTS: \${{ toJSON(inputs) }}
      - uses: actions/upload-artifact@v4
        with: { name: metrics, path: out/ }
`;
}

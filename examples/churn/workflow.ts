/**
 * The example repo's training workflow, as the bot's template writes it: run
 * `bun examples/churn/workflow.ts` to rewrite .github/workflows/train.yml after changing it
 * (test/bot/planners.test.ts checks the committed file matches).
 */
import { writeFileSync } from "node:fs";
import { trainingWorkflow } from "../../lib/pipeline/workflow-template.ts";

/** The workflow text: train with Bun on the dispatched commit, upload metrics and predictions. */
export const EXAMPLE_WORKFLOW = trainingWorkflow({
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression
  command: "bun train.ts --data \"${{ inputs.data || 'data/train.csv' }}\" --out out",
  // .github/mlops.yml sends `training.inputs` (data): GitHub refuses inputs a workflow does not declare.
  extraInputs: ["data"],
  setup: ["- uses: oven-sh/setup-bun@v2"],
});

if (import.meta.main) {
  writeFileSync(new URL(".github/workflows/train.yml", import.meta.url), EXAMPLE_WORKFLOW);
}

/** Names every part of the pipeline agrees on: check runs, the config file, the run manifest. */

/** The check runs the bot owns on a commit. */
export const CHECKS = {
  config: "mlops/config",
  data: "mlops/data",
  gates: "mlops/gates",
} as const;

/** Where an ML repository keeps its settings. */
export const CONFIG_PATH = ".github/mlops.yml";

/**
 * A file a training run may upload in its artifact, echoing its inputs as JSON
 * (`{"mlops_correlation_id": ..., "mlops_commit": ..., "mlops_pr": ...}`): how the bot matches a run
 * whose title does not carry the correlation id (a workflow without RUN_NAME_LINE).
 */
export const RUN_MANIFEST = "mlops-run.json";

/** GitHub's limit on a check run summary/text and (65,536) on a comment body. */
export const MAX_CHECK_TEXT = 65_535;
export const MAX_COMMENT = 65_536;

/** Cut `text` to at most `max` characters, saying so at the end when it was cut. */
export function fitText(text: string, max: number): string {
  if (text.length <= max) return text;
  const note =
    "\n\n… (cut to fit GitHub's size limit; run `mlops check-data` or `mlops gate` locally for the whole report)\n";
  return text.slice(0, Math.max(0, max - note.length)) + note;
}

/** The report's training, lineage and run sections: what was trained, on which data, where it ran. */

/** The training section: dispatched, waiting for approval, or why it did not start. */
export function renderTraining(p: {
  state: "dispatched" | "waiting" | "not-started" | "failed";
  text: string;
  reason?: string;
}): string {
  const icon = { dispatched: "⏳", waiting: "⏸️", "not-started": "⏭️", failed: "❌" }[p.state];
  const why = p.reason ? ` (reason: \`${p.reason}\`)` : "";
  return `### Training\n\n${icon} ${p.text}${why}`;
}

/** The lineage section: commit, dataset hashes, correlation id. */
export function renderLineage(p: {
  commit: string;
  datasets: Record<string, string>;
  correlationId: string;
  runner: string;
}): string {
  const rows = Object.entries(p.datasets)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, hash]) => `| dataset \`${name}\` | \`${hash}\` |`);
  return [
    "### Lineage",
    "",
    "| | |",
    "| --- | --- |",
    `| commit | \`${p.commit}\` |`,
    ...rows,
    `| runner | ${p.runner} |`,
    `| correlation id | \`${p.correlationId}\` |`,
  ].join("\n");
}

/** The run line under the lineage: the run's page and how it ended. */
export function renderRun(p: { url?: string; conclusion: string; correlationId: string }): string {
  const link = p.url ? `[training run](${p.url})` : "training run";
  return `Run: ${link} for \`${p.correlationId}\` — ${p.conclusion}`;
}

/** The `mlops/data` check run and the report's data section, from each checked dataset's outcome. */
import type { DataCheckResult } from "../data/check-data.ts";
import { renderAnnotations } from "../data/render/annotations.ts";
import { renderMarkdown } from "../data/render/markdown.ts";
import type { Annotation, CheckConclusion, CheckRunOutput } from "../forge.ts";
import { fitText, MAX_CHECK_TEXT } from "./names.ts";

/** One dataset after loading and checking: a result, or why it could not be read. */
export interface DatasetOutcome {
  name: string;
  /** The file annotations point at (the data file, or the .dvc pointer for DVC data). */
  file: string;
  /** Content hash of the bytes checked (`sha256:<hex>` or `md5:<hex>`). */
  hash?: string;
  result?: DataCheckResult;
  /** One line: why the data could not be loaded or checked. */
  error?: string;
}

/** What the data stage posts. */
export interface DataCheckPlan {
  passed: boolean;
  conclusion: CheckConclusion;
  output: CheckRunOutput;
  /** The report comment's data section. */
  section: string;
}

function block(o: DatasetOutcome): string {
  const label = `\`${o.name}\``;
  if (o.error !== undefined) {
    return `#### ❌ ${label}: could not check the data (\`${o.file}\`)\n\n${o.error}\n`;
  }
  return renderMarkdown(o.result as DataCheckResult, {
    level: 4,
    label,
    ...(o.hash ? { detail: o.hash.slice(0, 19) } : {}),
  });
}

/** Summarize every outcome; `scope` says which datasets were chosen and why (shown when none were). */
export function planDataCheck(params: {
  outcomes: DatasetOutcome[];
  scope: "changed" | "all";
}): DataCheckPlan {
  const { outcomes } = params;
  if (outcomes.length === 0) {
    const why =
      params.scope === "changed"
        ? "No dataset file or pointer changed, so no data was checked."
        : "No datasets are declared in .github/mlops.yml.";
    return {
      passed: true,
      conclusion: "success",
      output: { title: "No data to check", summary: why },
      section: `### Data\n\n${why}`,
    };
  }
  const failed = outcomes.filter((o) => o.error !== undefined || !o.result?.passed);
  const passed = failed.length === 0;
  const annotations: Annotation[] = [];
  for (const o of outcomes) {
    if (o.error !== undefined) {
      annotations.push({
        path: o.file,
        start_line: 1,
        end_line: 1,
        annotation_level: "failure",
        title: `dataset ${o.name}`,
        message: o.error,
      });
    } else if (o.result) {
      annotations.push(...renderAnnotations(o.result, o.file));
    }
  }
  const title = passed
    ? `Data checks passed (${outcomes.length} ${outcomes.length === 1 ? "dataset" : "datasets"})`
    : `Data checks failed: ${failed.map((o) => o.name).join(", ")}`;
  const body = outcomes.map(block).join("\n");
  const summary = fitText(body, MAX_CHECK_TEXT);
  // The comment carries several sections: the data part gets a third of the comment's room.
  const section = fitText(`### Data\n\n${body}`, 20_000);
  return {
    passed,
    conclusion: passed ? "success" : "failure",
    output: { title, summary, annotations },
    section,
  };
}

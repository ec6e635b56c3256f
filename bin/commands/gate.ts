/** `mlops gate` — evaluate quality gates on a metrics file (and a baseline, and predictions for fairness). */
import { formatDiagnostic } from "../../lib/diagnostics.ts";
import { parseCsv } from "../../lib/gates/csv.ts";
import { evaluateGates } from "../../lib/gates/evaluate.ts";
import { loadGates } from "../../lib/gates/load-gates.ts";
import { parseMetrics } from "../../lib/gates/metrics.ts";
import { renderMarkdown } from "../../lib/gates/render-markdown.ts";
import { renderJson, renderText } from "../../lib/gates/render-text.ts";
import type { CsvTable, MetricSet, Parsed } from "../../lib/gates/types.ts";
import { formatOption, parseArgs } from "../args.ts";
import type { Command } from "../cli.ts";
import { type CliIo, describeReadError, EXIT, UsageError } from "../io.ts";

const usage = [
  "usage: mlops gate --metrics <metrics.json> --policy <file.yml> [--baseline <metrics.json>]",
  "                  [--predictions <predictions.csv>] [--format text|json|markdown]",
  "",
  "  --metrics      the candidate's metrics JSON ({name: number}, {metrics: {...}} or MLflow-style)",
  "  --policy       a gates file, a .github/mlops.yml or a policies/<env>.yml (its gates: block)",
  "  --baseline     metrics of the version serving in regression.against (else regression is skipped)",
  "  --predictions  holdout predictions CSV (label, prediction, sensitive columns) for fairness gates",
  "",
  "exit codes: 0 every gate passed, 1 a gate failed, 2 bad usage or unreadable input",
].join("\n");

const FORMATS = ["text", "json", "markdown"] as const;

/** Read a file as text; a read failure is a usage error (exit 2) with its one-line reason. */
async function readText(io: CliIo, path: string): Promise<string> {
  try {
    return new TextDecoder().decode(await io.readFile(path));
  } catch (error) {
    throw new UsageError(describeReadError(path, error));
  }
}

/** Print parse problems and report whether there were any. */
function failed<T>(io: CliIo, parsed: Parsed<T>): parsed is { ok: false; errors: string[] } {
  if (parsed.ok) return false;
  for (const error of parsed.errors) io.stderr(`mlops gate: ${error}\n`);
  return true;
}

export const command: Command = {
  name: "gate",
  summary: "evaluate quality gates on a metrics file",
  usage,
  async run(args, io) {
    const { values, positionals } = parseArgs(
      args,
      {
        metrics: { type: "string" },
        policy: { type: "string" },
        baseline: { type: "string" },
        predictions: { type: "string" },
        format: { type: "string" },
      },
      usage,
    );
    const format = formatOption(values.format, FORMATS, usage);
    if (positionals.length > 0) {
      throw new UsageError(
        `unexpected argument "${positionals[0]}"; pass files with --metrics and --policy\n${usage}`,
      );
    }
    if (!values.metrics || !values.policy) {
      throw new UsageError(`${!values.metrics ? "--metrics" : "--policy"} is required\n${usage}`);
    }

    // 1. The gates.
    const loaded = loadGates({ file: values.policy, text: await readText(io, values.policy) });
    for (const d of loaded.warnings) io.stderr(`warning: ${formatDiagnostic(d)}\n`);
    if (!loaded.valid || !loaded.value) {
      for (const d of loaded.errors) io.stderr(`${formatDiagnostic(d)}\n`);
      return EXIT.usage;
    }
    const gates = loaded.value;

    // 2. The candidate's metrics, the baseline's, and the predictions.
    const metrics = parseMetrics({
      source: values.metrics,
      text: await readText(io, values.metrics),
    });
    if (failed(io, metrics)) return EXIT.usage;
    let baseline: MetricSet | undefined;
    if (values.baseline) {
      const parsed = parseMetrics({
        source: values.baseline,
        text: await readText(io, values.baseline),
      });
      if (failed(io, parsed)) return EXIT.usage;
      baseline = parsed.value;
    } else if (gates.regression) {
      io.stderr(
        `mlops gate: no --baseline given: regression gates against ${gates.regression.against} are skipped\n`,
      );
    }
    let predictions: Parsed<CsvTable> | undefined;
    if (values.predictions) {
      predictions = parseCsv({
        source: values.predictions,
        text: await readText(io, values.predictions),
      });
      if (failed(io, predictions)) return EXIT.usage;
      if (!gates.fairness) {
        io.stderr("mlops gate: --predictions is unused: the gates have no fairness block\n");
      }
    }

    // 3. Evaluate and print.
    const report = evaluateGates({
      gates,
      metrics: metrics.value,
      baseline,
      predictions: predictions?.ok ? predictions.value : undefined,
    });
    const render = { text: renderText, json: renderJson, markdown: renderMarkdown }[format];
    io.stdout(render(report));
    return report.passed ? EXIT.ok : EXIT.failed;
  },
};

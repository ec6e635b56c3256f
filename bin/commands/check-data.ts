/** `mlops check-data <data> --policy <file> [--reference <data>]`: data checks and drift, exit 0 passed / 1 failed or drifted / 2 unreadable. */
import { checkData } from "../../lib/data/check-data.ts";
import { DataError } from "../../lib/data/data-error.ts";
import { loadData } from "../../lib/data/load.ts";
import { loadDataPolicy } from "../../lib/data/load-policy.ts";
import type { DataPolicy } from "../../lib/data/policy.ts";
import { renderAnnotations } from "../../lib/data/render/annotations.ts";
import { renderMarkdown } from "../../lib/data/render/markdown.ts";
import { renderText } from "../../lib/data/render/text.ts";
import type { ColumnType, DataTable } from "../../lib/data/table.ts";
import { formatOption, parseArgs } from "../args.ts";
import type { Command } from "../cli.ts";
import { type CliIo, describeReadError, EXIT, UsageError } from "../io.ts";
import { OffThreadLoadError } from "../load-table.ts";

const FORMATS = ["text", "json", "markdown", "annotations"] as const;
const DEFAULT_MAX_MEMORY_MB = 4096;

const usage = `usage: mlops check-data <data> --policy <file> [--reference <data>] [--dataset <name>]
                        [--format ${FORMATS.join("|")}] [--max-memory <MB>]
  <data>: .csv, .tsv, .json, .ndjson, .arrow or .parquet (optionally .gz)
  --policy: a data-policy file, or .github/mlops.yml with --dataset (its datasets.<name>.checks)`;

/** Thrown inside the command for input that cannot be read: one line, exit 2. */
class Unreadable extends Error {}

async function readBytes(io: CliIo, path: string): Promise<Uint8Array> {
  try {
    return await io.readFile(path);
  } catch (error) {
    throw new Unreadable(describeReadError(path, error));
  }
}

function declaredTypes(policy: DataPolicy): Record<string, ColumnType> {
  const types: Record<string, ColumnType> = {};
  for (const [name, rule] of Object.entries(policy.columns ?? {}))
    if (rule?.type) types[name] = rule.type;
  return types;
}

async function readTable(
  io: CliIo,
  path: string,
  policy: DataPolicy,
  maxMb: number,
): Promise<DataTable> {
  const bytes = await readBytes(io, path);
  try {
    return await loadData({
      bytes,
      file: path,
      types: declaredTypes(policy),
      maxBytes: maxMb * 2 ** 20,
    });
  } catch (error) {
    if (error instanceof DataError) throw new Unreadable(error.message);
    throw error;
  }
}

/** The data and its reference; where the runtime allows, the reference parses on a second core meanwhile. */
async function readBoth(
  io: CliIo,
  paths: { data: string; reference: string | undefined },
  policy: DataPolicy,
  maxMb: number,
): Promise<{ table: DataTable; reference: DataTable | undefined }> {
  if (paths.reference === undefined) {
    return { table: await readTable(io, paths.data, policy, maxMb), reference: undefined };
  }
  if (!io.loadTableOffThread) {
    const table = await readTable(io, paths.data, policy, maxMb);
    return { table, reference: await readTable(io, paths.reference, policy, maxMb) };
  }
  const pending = io
    .loadTableOffThread({
      path: paths.reference,
      types: declaredTypes(policy),
      maxBytes: maxMb * 2 ** 20,
    })
    .catch((error: unknown) => {
      throw error instanceof OffThreadLoadError ? new Unreadable(error.message) : error;
    });
  // Settle the worker's promise even if the main-thread parse throws first.
  pending.catch(() => {});
  const table = await readTable(io, paths.data, policy, maxMb);
  return { table, reference: await pending };
}

async function readPolicy(
  io: CliIo,
  path: string,
  dataset: string | undefined,
): Promise<DataPolicy> {
  const bytes = await readBytes(io, path);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new Unreadable(`${path}: is not UTF-8 text; save it as UTF-8`);
  }
  const source = loadDataPolicy({ file: path, text, ...(dataset ? { dataset } : {}) });
  if (!source.ok) throw new Unreadable(source.errors.join("\n"));
  for (const warning of source.warnings) io.stderr(`warning: ${warning}\n`);
  return source.policy;
}

function parseMaxMemory(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MAX_MEMORY_MB;
  const mb = Number(value);
  if (!Number.isFinite(mb) || mb <= 0) {
    throw new UsageError(`--max-memory takes a number of megabytes, not "${value}"\n${usage}`);
  }
  return mb;
}

export const command: Command = {
  name: "check-data",
  summary: "run data checks (and drift against a reference) on a data file",
  usage,
  async run(args, io) {
    // 1. Arguments.
    const { values, positionals } = parseArgs(
      args,
      {
        policy: { type: "string" },
        reference: { type: "string" },
        dataset: { type: "string" },
        format: { type: "string" },
        "max-memory": { type: "string" },
      },
      usage,
    );
    const format = formatOption(values.format, FORMATS, usage);
    if (positionals.length !== 1) throw new UsageError(`name exactly one data file\n${usage}`);
    if (values.policy === undefined) throw new UsageError(`--policy is required\n${usage}`);
    const maxMb = parseMaxMemory(values["max-memory"]);
    const dataPath = positionals[0]!;
    try {
      // 2. Policy, data, reference.
      const policy = await readPolicy(io, values.policy, values.dataset);
      const { table, reference } = await readBoth(
        io,
        { data: dataPath, reference: values.reference },
        policy,
        maxMb,
      );
      // 3. Evaluate.
      const stats = format === "markdown";
      // The drift engine loads only when there is something to compare against.
      const drift = reference ? await import("../../lib/data/drift/index.ts") : undefined;
      const result = checkData({
        table,
        policy,
        stats,
        ...(reference && drift ? { reference, drift: { driftColumn: drift.driftColumn } } : {}),
      });
      // 4. Render.
      if (format === "json") io.stdout(`${JSON.stringify(result)}\n`);
      else if (format === "markdown") io.stdout(renderMarkdown(result));
      else if (format === "annotations")
        io.stdout(`${JSON.stringify(renderAnnotations(result))}\n`);
      else io.stdout(renderText(result));
      return result.passed ? EXIT.ok : EXIT.failed;
    } catch (error) {
      if (error instanceof Unreadable) {
        for (const line of error.message.split("\n")) io.stderr(`mlops check-data: ${line}\n`);
        return EXIT.usage;
      }
      throw error;
    }
  },
};

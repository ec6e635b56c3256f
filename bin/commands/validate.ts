/** `mlops validate <file>...`: schema and semantic validation of mlops.yml, policies, environments and registry files. */

import {
  FILE_KIND_NAMES,
  type FileKindName,
  isFileKindName,
  kindFromPath,
  loadDocument,
} from "../../lib/config/load.ts";
import type { Diagnostic } from "../../lib/diagnostics.ts";
import { formatDiagnostic } from "../../lib/diagnostics.ts";
import { formatOption, parseArgs } from "../args.ts";
import type { Command } from "../cli.ts";
import { describeReadError, EXIT, UsageError } from "../io.ts";

const usage = `usage: mlops validate <file>... [--kind ${FILE_KIND_NAMES.join("|")}] [--format text|json]
  The kind comes from the path (.github/mlops.yml, policies/*.yml, environments/*.yaml,
  registry/*.yaml) unless --kind is given.`;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export const command: Command = {
  name: "validate",
  summary: "validate .github/mlops.yml, policies, environments and registry files",
  usage,
  async run(args, io) {
    const { values, positionals } = parseArgs(
      args,
      { kind: { type: "string" }, format: { type: "string" } },
      usage,
    );
    const format = formatOption(values.format, ["text", "json"] as const, usage);
    if (positionals.length === 0) throw new UsageError(`name at least one file\n${usage}`);
    const forced = values.kind;
    if (forced !== undefined && !isFileKindName(forced)) {
      throw new UsageError(`unknown kind "${forced}"; use one of: ${FILE_KIND_NAMES.join(", ")}`);
    }

    // Decide every kind and read every file before validating, so bad input fails fast and alone.
    const inputs: { file: string; kind: FileKindName; text: string }[] = [];
    for (const file of positionals) {
      const kind = forced ?? kindFromPath(file);
      if (kind === undefined) {
        throw new UsageError(
          `${file}: cannot tell the kind from the path; pass --kind (one of: ${FILE_KIND_NAMES.join(", ")})`,
        );
      }
      let text: string;
      try {
        text = new TextDecoder("utf-8", { fatal: true }).decode(await io.readFile(file));
      } catch (error) {
        const reason =
          error instanceof TypeError
            ? `${file}: is not UTF-8 text; save it as UTF-8`
            : describeReadError(file, error);
        io.stderr(`mlops validate: ${reason}\n`);
        return EXIT.usage;
      }
      inputs.push({ file, kind, text });
    }

    const errors: Diagnostic[] = [];
    const warnings: Diagnostic[] = [];
    let invalidFiles = 0;
    for (const input of inputs) {
      const result = loadDocument(input);
      if (!result.valid) invalidFiles++;
      errors.push(...result.errors);
      warnings.push(...result.warnings);
      const extendsAt = input.kind === "mlops" ? input.text.search(/^_extends\s*:/m) : -1;
      if (extendsAt >= 0) {
        warnings.push({
          file: input.file,
          line: input.text.slice(0, extendsAt).split("\n").length,
          column: 1,
          path: "_extends",
          message:
            "is not resolved by mlops validate; this file was checked alone (the bot checks the merged result)",
        });
      }
    }
    const valid = errors.length === 0;
    if (format === "json") {
      io.stdout(`${JSON.stringify({ valid, errors, warnings }, null, 2)}\n`);
    } else {
      const lines = [
        ...errors.map(formatDiagnostic),
        ...warnings.map((d) => `warning: ${formatDiagnostic(d)}`),
      ];
      if (lines.length > 0) io.stdout(`${lines.join("\n")}\n`);
      const files = plural(inputs.length, "file");
      io.stderr(
        valid
          ? `${files} valid${warnings.length > 0 ? ` (${plural(warnings.length, "warning")})` : ""}\n`
          : `${plural(errors.length, "error")} in ${invalidFiles} of ${files}${warnings.length > 0 ? `, ${plural(warnings.length, "warning")}` : ""}\n`,
      );
    }
    return valid ? EXIT.ok : EXIT.failed;
  },
};

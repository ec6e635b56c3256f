/**
 * `mlops demo` — until the bot, promotions and rollouts land, the demo plays the parts of the loop
 * that exist, for real, on the example repo: validate its config and the default policies, check
 * good and broken data, train the example model, and gate its metrics. It says plainly what is not
 * built yet, writes the transcript to demo-out/, and exits 0 when every stage behaved as expected.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "../args.ts";
import type { Command } from "../cli.ts";
import { runDemoStages } from "../demo/stages.ts";
import { type CliIo, EXIT } from "../io.ts";

const usage = "usage: mlops demo [--out demo-out]";

export const command: Command = {
  name: "demo",
  summary: "play the loop on the example repo",
  usage,
  async run(args: string[], io: CliIo) {
    const { values } = parseArgs(args, { out: { type: "string", default: "demo-out" } }, usage);
    // Relative to the working directory, so the transcript shows the paths a user would type.
    const out = values.out as string;
    await mkdir(out, { recursive: true });
    const transcript = await runDemoStages({ io, out });
    await writeFile(join(out, "transcript.md"), transcript.markdown);
    io.stdout(`\ntranscript written to ${join(out, "transcript.md")}\n`);
    return transcript.ok ? EXIT.ok : EXIT.failed;
  },
};

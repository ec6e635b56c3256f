/** The command table of `mlops` and its dispatch: parse the subcommand, run it, map errors to exit codes. */
import { type CliIo, EXIT, UsageError } from "./io.ts";

/** One subcommand. `run` returns the exit code; it throws UsageError for bad usage. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

// Commands load lazily so that `mlops validate` never pays for the sim or arquero.
const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  validate: {
    summary: "validate .github/mlops.yml, policies, environments and registry files",
    load: async () => (await import("./commands/validate.ts")).command,
  },
  "check-data": {
    summary: "run data checks (and drift against a reference) on a data file",
    load: async () => (await import("./commands/check-data.ts")).command,
  },
  gate: {
    summary: "evaluate quality gates on a metrics file",
    load: async () => (await import("./commands/gate.ts")).command,
  },
  sim: {
    summary: "serve the simulated GitHub on 127.0.0.1",
    load: async () => (await import("./commands/sim.ts")).command,
  },
  demo: {
    summary: "play the whole loop on the simulated GitHub",
    load: async () => (await import("./commands/demo.ts")).command,
  },
};

function help(): string {
  const rows = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`);
  return [
    "usage: mlops <command> [options]",
    "",
    "commands:",
    ...rows,
    "",
    "exit codes: 0 passed, 1 a check or gate failed, 2 bad usage or unreadable input",
    "",
  ].join("\n");
}

/** Run `mlops <argv>`; returns the process exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    io.stdout(help());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const entry = commands[name];
  if (!entry) {
    io.stderr(`mlops: unknown command "${name}"; run \`mlops help\` for the list\n`);
    return EXIT.usage;
  }
  const command = await entry.load();
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout(`${command.usage}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`mlops ${name}: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}

/** `mlops demo` — not built yet; see the README's feature table. */
import type { Command } from "../cli.ts";

export const command: Command = {
  name: "demo",
  summary: "not built yet",
  usage: "usage: mlops demo (not built yet)",
  async run(_args, io) {
    io.stderr("mlops demo: not built yet; see the README's feature table\n");
    return 2;
  },
};

/** `mlops gate` — not built yet; see the README's feature table. */
import type { Command } from "../cli.ts";

export const command: Command = {
  name: "gate",
  summary: "not built yet",
  usage: "usage: mlops gate (not built yet)",
  async run(_args, io) {
    io.stderr("mlops gate: not built yet; see the README's feature table\n");
    return 2;
  },
};

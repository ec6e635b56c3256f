/** `mlops check-data` — not built yet; see the README's feature table. */
import type { Command } from "../cli.ts";

export const command: Command = {
  name: "check-data",
  summary: "not built yet",
  usage: "usage: mlops check-data (not built yet)",
  async run(_args, io) {
    io.stderr("mlops check-data: not built yet; see the README's feature table\n");
    return 2;
  },
};

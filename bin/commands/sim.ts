/** `mlops sim` — not built yet; see the README's feature table. */
import type { Command } from "../cli.ts";

export const command: Command = {
  name: "sim",
  summary: "not built yet",
  usage: "usage: mlops sim (not built yet)",
  async run(_args, io) {
    io.stderr("mlops sim: not built yet; see the README's feature table\n");
    return 2;
  },
};

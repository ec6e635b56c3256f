/** `mlops validate` — not built yet; see the README's feature table. */
import type { Command } from "../cli.ts";

export const command: Command = {
  name: "validate",
  summary: "not built yet",
  usage: "usage: mlops validate (not built yet)",
  async run(_args, io) {
    io.stderr("mlops validate: not built yet; see the README's feature table\n");
    return 2;
  },
};

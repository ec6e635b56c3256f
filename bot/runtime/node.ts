/** The bot on Node 20 (through tsx): `node --import tsx bot/runtime/node.ts`. */
import process from "node:process";
import { startBot } from "./start.ts";

startBot(process.env).catch((error: unknown) => {
  process.stderr.write(`mlops-bot: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});

/** The bot on Bun: `bun bot/runtime/bun.ts`. */
import { startBot } from "./start.ts";

startBot(Bun.env).catch((error: unknown) => {
  console.error(`mlops-bot: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});

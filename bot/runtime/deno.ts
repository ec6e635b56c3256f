/** The bot on Deno 2: `deno run --allow-net --allow-read --allow-env --allow-sys bot/runtime/deno.ts`. */
import { startBot } from "./start.ts";

declare const Deno: { env: { toObject(): Record<string, string> }; exit(code: number): never };

startBot(Deno.env.toObject()).catch((error: unknown) => {
  console.error(`mlops-bot: ${error instanceof Error ? error.message : String(error)}`);
  Deno.exit(2);
});

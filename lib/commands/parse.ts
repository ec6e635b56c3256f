/**
 * Chat commands, Prow style: a command is a line of its own starting with `/name`, followed by
 * arguments. Lines inside code blocks and quotes are not commands. New commands (`/rollback`,
 * `/promote`, ...) are added to KNOWN_COMMANDS; the handlers decide what each does.
 */

/** Every command the bot answers. */
export const KNOWN_COMMANDS = ["retrain", "rollback", "promote", "status", "help"] as const;

export type CommandName = (typeof KNOWN_COMMANDS)[number];

/** One parsed command: its name, its arguments, and the 1-based line it was on. */
export interface ChatCommand {
  name: CommandName;
  args: string[];
  line: number;
}

const LINE = /^\/([a-z][a-z0-9-]*)(?:\s+(.*))?$/;

/** The known commands in a comment body, in order; unknown `/words` are ignored (they may be for other bots). */
export function parseCommands(body: string): ChatCommand[] {
  const out: ChatCommand[] = [];
  let fenced = false;
  body.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (/^(```|~~~)/.test(line)) {
      fenced = !fenced;
      return;
    }
    if (fenced || line.startsWith(">")) return;
    const m = LINE.exec(line);
    if (!m) return;
    const name = m[1] as CommandName;
    if (!KNOWN_COMMANDS.includes(name)) return;
    out.push({ name, args: (m[2] ?? "").split(/\s+/).filter(Boolean), line: i + 1 });
  });
  return out;
}

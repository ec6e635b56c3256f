/** Argument parsing shared by the commands: node:util's parseArgs (Node, Bun and Deno all have it), with usage errors as UsageError. */
import { parseArgs as nodeParseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./io.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Parse `args` against `options`; unknown flags and missing values become a UsageError that names the usage. */
export function parseArgs<O extends Options>(args: string[], options: O, usage: string) {
  try {
    return nodeParseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new UsageError(`${reason}\n${usage}`);
  }
}

/** Read `--format` and refuse anything outside `allowed`. */
export function formatOption<F extends string>(
  value: unknown,
  allowed: readonly F[],
  usage: string,
): F {
  const format = (value ?? allowed[0]) as F;
  if (!allowed.includes(format)) {
    throw new UsageError(
      `--format must be one of ${allowed.join(", ")}, not "${String(value)}"\n${usage}`,
    );
  }
  return format;
}

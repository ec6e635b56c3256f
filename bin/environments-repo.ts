/** The files of an environments repo made from this project's templates: environments/, policies/. */
import { join } from "node:path";
import { readFolder } from "../sim/seed.ts";

/**
 * `environments/*.yaml` and `policies/*.yml` keep their folders (the layout the bot reads), the
 * template's README becomes the repo's README; `extra` files are added or replace template ones.
 */
export function environmentsRepoFiles(
  root: string,
  extra: Record<string, string> = {},
): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (const [path, bytes] of Object.entries(readFolder(join(root, "environments")) ?? {})) {
    files[path === "README.md" ? "README.md" : `environments/${path}`] = bytes;
  }
  for (const [path, bytes] of Object.entries(readFolder(join(root, "policies")) ?? {})) {
    if (path.endsWith(".yml")) files[`policies/${path}`] = bytes;
  }
  const enc = new TextEncoder();
  for (const [path, text] of Object.entries(extra)) files[path] = enc.encode(text);
  return files;
}

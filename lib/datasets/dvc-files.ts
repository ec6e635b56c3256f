/** DVC's two small files: a `.dvc` pointer (YAML) and `.dvc/config` (INI), parsed into what a download needs. */
import { parse as parseYaml } from "yaml";
import { DatasetError } from "./dataset-error.ts";

/** One tracked file of a `.dvc` pointer. */
export interface DvcPointer {
  md5: string;
  size?: number;
  /** The tracked file's path, relative to the pointer's directory. */
  path: string;
  /** DVC 3 writes `hash: md5` (raw bytes, `files/md5/` layout); without it the pointer is DVC 2's. */
  dvc3: boolean;
  /** A remote named on the output itself, which wins over the default. */
  remote?: string;
}

const MD5 = /^[0-9a-f]{32}$/;

/** Parse a `.dvc` pointer file; throws a DatasetError naming the fix when it is not one. */
export function parseDvcPointer(file: string, text: string): DvcPointer {
  const regenerate = `regenerate it with dvc add and commit the .dvc file`;
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split("\n")[0];
    throw new DatasetError(
      "pointer-unparsable",
      `${file}: not valid YAML (${reason}); ${regenerate}`,
    );
  }
  const outs = (doc as { outs?: unknown } | null)?.outs;
  if (!Array.isArray(outs) || outs.length === 0) {
    throw new DatasetError("pointer-unparsable", `${file}: has no outs; ${regenerate}`);
  }
  if (outs.length > 1) {
    throw new DatasetError(
      "pointer-unparsable",
      `${file}: tracks ${outs.length} outputs; point the dataset at a .dvc file of one data file`,
    );
  }
  const out = outs[0] as Record<string, unknown>;
  const md5 = typeof out.md5 === "string" ? out.md5.toLowerCase() : undefined;
  if (md5?.endsWith(".dir")) {
    throw new DatasetError(
      "pointer-unparsable",
      `${file}: tracks a directory; track the data file itself (dvc add data/train.csv)`,
    );
  }
  if (!md5 || !MD5.test(md5)) {
    throw new DatasetError(
      "pointer-unparsable",
      `${file}: outs[0].md5 is missing or not 32 hex chars; ${regenerate}`,
    );
  }
  if (typeof out.path !== "string" || out.path === "") {
    throw new DatasetError("pointer-unparsable", `${file}: outs[0].path is missing; ${regenerate}`);
  }
  if (out.hash !== undefined && out.hash !== "md5") {
    throw new DatasetError(
      "pointer-unparsable",
      `${file}: outs[0].hash is "${String(out.hash)}", not md5; regenerate it with DVC 3 (dvc add)`,
    );
  }
  const pointer: DvcPointer = { md5, path: out.path, dvc3: out.hash === "md5" };
  if (out.size !== undefined) {
    if (typeof out.size !== "number" || !Number.isInteger(out.size) || out.size < 0) {
      throw new DatasetError(
        "pointer-unparsable",
        `${file}: outs[0].size is not a byte count; ${regenerate}`,
      );
    }
    pointer.size = out.size;
  }
  if (typeof out.remote === "string" && out.remote !== "") pointer.remote = out.remote;
  return pointer;
}

/** A DVC remote: its URL and, for S3-compatible stores, the HTTP endpoint. */
export interface DvcRemote {
  url: string;
  endpointurl?: string;
  region?: string;
}

/** `.dvc/config`: the default remote's name and every remote. */
export interface DvcConfig {
  defaultRemote?: string;
  remotes: Record<string, DvcRemote>;
}

const unquote = (value: string) => value.replace(/^(["'])(.*)\1$/, "$2");

/** Parse `.dvc/config` (configobj INI: `[core]` `remote = name`, `['remote "name"']` `url = ...`). */
export function parseDvcConfig(text: string): DvcConfig {
  const config: DvcConfig = { remotes: {} };
  let section = "";
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const header = /^\[\s*(.*?)\s*\]$/.exec(line);
    if (header) {
      section = unquote(header[1] as string).trim();
      continue;
    }
    const eq = line.indexOf("=");
    if (eq < 0) continue;
    const key = line.slice(0, eq).trim().toLowerCase();
    const value = unquote(line.slice(eq + 1).trim());
    const remote = /^remote\s+"(.+)"$/.exec(section)?.[1];
    if (section === "core" && key === "remote") config.defaultRemote = value;
    else if (remote) {
      const entry = config.remotes[remote] ?? { url: "" };
      config.remotes[remote] = entry;
      if (key === "url") entry.url = value;
      else if (key === "endpointurl") entry.endpointurl = value;
      else if (key === "region") entry.region = value;
    }
  }
  return config;
}

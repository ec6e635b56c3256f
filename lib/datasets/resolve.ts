/**
 * Dataset sources: the bytes of a dataset entry of `.github/mlops.yml` at the pull request's head,
 * from a file in the repo (`path`), a DVC pointer (`dvc`) or a URL (`url`), with its md5.
 */
import ky, { isHTTPError } from "ky";
import type { Dataset } from "../config/types.gen.ts";
import { DatasetError } from "./dataset-error.ts";
import { parseDvcConfig, parseDvcPointer } from "./dvc-files.ts";
import { objectUrl, pickRemote } from "./dvc-remote.ts";
import { md5 } from "./md5.ts";

/** A dataset's bytes; `name` is the data file's name (its extension tells the format). */
export interface ResolvedDataset {
  bytes: Uint8Array;
  name: string;
  md5: string;
  kind: "path" | "dvc" | "url";
  /** Where the bytes came from, for messages and lineage (`data/train.csv.dvc → https://…`). */
  source: string;
}

/** The web fetch signature (global fetch, a fake server's handler). */
export type FetchLike = (input: Request | URL | string, init?: RequestInit) => Promise<Response>;

/** Retries on 408/429/5xx for downloads. */
export interface DownloadRetry {
  limit: number;
  delayMs: number;
}

const basename = (path: string) => path.slice(path.lastIndexOf("/") + 1);

function dirname(path: string): string {
  const at = path.lastIndexOf("/");
  return at < 0 ? "" : path.slice(0, at + 1);
}

async function download(
  url: string,
  fetch: FetchLike,
  retry: DownloadRetry,
  where: string,
  fix: string,
): Promise<Uint8Array> {
  try {
    const response = await ky.get(url, {
      fetch,
      timeout: 300_000,
      retry: {
        limit: retry.limit,
        statusCodes: [408, 429, 500, 502, 503, 504],
        delay: () => retry.delayMs,
        backoffLimit: retry.delayMs,
      },
    });
    return new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    if (isHTTPError(error)) {
      const status = error.response.status;
      if (status === 404 || status === 410) {
        throw new DatasetError("not-found", `${url}: ${status} at ${where}; ${fix}`);
      }
      if (status === 401 || status === 403) {
        throw new DatasetError(
          "forbidden",
          `${url}: ${status} at ${where}; make it readable without credentials (public read, or a presigned or proxied HTTP URL)`,
        );
      }
      throw new DatasetError(
        "unavailable",
        `${url}: ${where} answered ${status}; try again later`,
        status >= 500 || status === 408 || status === 429,
      );
    }
    // ky wraps network failures; the cause says what happened (DNS, refused, reset).
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new DatasetError(
      "unavailable",
      `${url}: cannot reach ${where} (${reason}); try again later`,
      true,
    );
  }
}

// DVC 2 hashed text files after turning CRLF into LF; a file with a NUL byte was binary to it.
function dos2unix(bytes: Uint8Array): Uint8Array | null {
  if (bytes.subarray(0, 8000).includes(0)) return null;
  const out = new Uint8Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 13 && bytes[i + 1] === 10) continue;
    out[n++] = bytes[i] as number;
  }
  return n === bytes.length ? null : out.subarray(0, n);
}

async function fromDvc(
  pointerFile: string,
  readRepoFile: (path: string) => Promise<Uint8Array | null>,
  fetch: FetchLike,
  retry: DownloadRetry,
): Promise<ResolvedDataset> {
  const text = await readRepoFile(pointerFile);
  if (!text) {
    throw new DatasetError(
      "file-missing",
      `${pointerFile}: not found at the pull request's head; commit the pointer (dvc add, then git add the .dvc file) or fix the dataset's dvc path`,
    );
  }
  const pointer = parseDvcPointer(pointerFile, new TextDecoder().decode(text));
  const configBytes = await readRepoFile(".dvc/config");
  if (!configBytes) {
    throw new DatasetError(
      "remote-missing",
      ".dvc/config: not found; add a remote with dvc remote add -d <name> <url> and commit .dvc/config",
    );
  }
  const remote = pickRemote({
    config: parseDvcConfig(new TextDecoder().decode(configBytes)),
    pointer,
  });
  const url = objectUrl({ remote, md5: pointer.md5, dvc3: pointer.dvc3 });
  const dataPath = `${dirname(pointerFile)}${pointer.path}`;
  const bytes = await download(
    url,
    fetch,
    retry,
    `the DVC remote "${remote.name}"`,
    `push the data with dvc push (from the commit that changed ${pointerFile})`,
  );
  const pushAgain = `run dvc push from the commit that made ${pointerFile}, or dvc add ${dataPath} again`;
  if (pointer.size !== undefined && bytes.length !== pointer.size) {
    throw new DatasetError(
      "size-mismatch",
      `${pointerFile}: the remote's ${dataPath} has ${bytes.length} bytes, the pointer says ${pointer.size}; ${pushAgain}`,
    );
  }
  const actual = md5(bytes);
  if (actual !== pointer.md5) {
    const legacy = pointer.dvc3 ? null : dos2unix(bytes);
    if (!legacy || md5(legacy) !== pointer.md5) {
      throw new DatasetError(
        "md5-mismatch",
        `${pointerFile}: the remote's ${dataPath} has md5 ${actual}, the pointer says ${pointer.md5}; ${pushAgain}`,
      );
    }
  }
  return {
    bytes,
    name: basename(pointer.path),
    md5: pointer.md5,
    kind: "dvc",
    source: `${pointerFile} → ${url}`,
  };
}

function urlName(url: URL): string {
  const last = basename(url.pathname);
  try {
    return decodeURIComponent(last) || "data";
  } catch {
    return last || "data";
  }
}

/**
 * Resolve a dataset entry (`{path}`, `{dvc}` or `{url}`) to its bytes and md5. `readRepoFile` reads
 * at the pull request's head (null when absent); `fetch` is used for remotes and URLs (with ky's
 * retries). Returns a DatasetError (never throws one) whose one-line message names the fix.
 */
export async function resolveDataset(params: {
  spec: Pick<Dataset, "path" | "dvc" | "url">;
  readRepoFile: (path: string) => Promise<Uint8Array | null>;
  fetch: FetchLike;
  retry?: DownloadRetry;
}): Promise<ResolvedDataset | DatasetError> {
  const { spec, readRepoFile, fetch } = params;
  const retry = params.retry ?? { limit: 3, delayMs: 1000 };
  try {
    const given = (["path", "dvc", "url"] as const).filter((key) => spec[key] !== undefined);
    if (given.length !== 1) {
      throw new DatasetError(
        "spec",
        `the dataset gives ${given.length ? given.join(" and ") : "none of path, dvc, url"}; give exactly one of path, dvc, url`,
      );
    }
    if (spec.path !== undefined) {
      const bytes = await readRepoFile(spec.path);
      if (!bytes) {
        throw new DatasetError(
          "file-missing",
          `${spec.path}: not found at the pull request's head; commit the file or fix the dataset's path`,
        );
      }
      return { bytes, name: basename(spec.path), md5: md5(bytes), kind: "path", source: spec.path };
    }
    if (spec.dvc !== undefined) return await fromDvc(spec.dvc, readRepoFile, fetch, retry);
    const text = spec.url as string;
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new DatasetError("spec", `${text}: not a URL; give an https URL`);
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      throw new DatasetError(
        "spec",
        `${text}: ${url.protocol} URLs cannot be downloaded; give an https URL`,
      );
    }
    const bytes = await download(
      url.href,
      fetch,
      retry,
      "the dataset URL",
      "fix the dataset's url",
    );
    return { bytes, name: urlName(url), md5: md5(bytes), kind: "url", source: url.href };
  } catch (error) {
    if (error instanceof DatasetError) return error;
    throw error;
  }
}

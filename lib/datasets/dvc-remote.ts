/** Where a DVC-tracked file lives on its remote, over plain HTTP(S). */
import { DatasetError } from "./dataset-error.ts";
import type { DvcConfig, DvcPointer } from "./dvc-files.ts";

const trim = (url: string) => url.replace(/\/+$/, "");

/**
 * The remote to read a pointer's data from: the output's own `remote`, else `[core] remote`.
 * Throws a DatasetError naming the fix when there is none.
 */
export function pickRemote(params: { config: DvcConfig; pointer: DvcPointer }): {
  name: string;
  url: string;
  endpointurl?: string;
  region?: string;
} {
  const { config, pointer } = params;
  const name = pointer.remote ?? config.defaultRemote;
  if (!name) {
    throw new DatasetError(
      "remote-missing",
      ".dvc/config: no default remote ([core] remote); set one with dvc remote add -d <name> <url> and commit .dvc/config",
    );
  }
  const remote = config.remotes[name];
  if (!remote?.url) {
    throw new DatasetError(
      "remote-missing",
      `.dvc/config: remote "${name}" has no url; add it with dvc remote add ${name} <url> and commit .dvc/config`,
    );
  }
  return { name, ...remote };
}

/**
 * The HTTP URL of a file's content on a remote: DVC 3 stores it at `<remote>/files/md5/<2>/<30>`,
 * DVC 2 at `<remote>/<2>/<30>`. HTTP(S) remotes are used as they are; `s3://bucket/prefix` goes to
 * `endpointurl` path-style (MinIO, R2, Ceph) or to AWS's virtual-hosted URL (public buckets only:
 * requests are not signed).
 */
export function objectUrl(params: {
  remote: { name: string; url: string; endpointurl?: string; region?: string };
  md5: string;
  dvc3: boolean;
}): string {
  const { remote, md5, dvc3 } = params;
  const key = `${dvc3 ? "files/md5/" : ""}${md5.slice(0, 2)}/${md5.slice(2)}`;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(remote.url)?.[1]?.toLowerCase();
  if (scheme === "http" || scheme === "https") return `${trim(remote.url)}/${key}`;
  if (scheme === "s3") {
    const rest = remote.url.slice("s3://".length).replace(/\/+$/, "");
    const slash = rest.indexOf("/");
    const bucket = slash < 0 ? rest : rest.slice(0, slash);
    const prefix = slash < 0 ? "" : `${rest.slice(slash + 1)}/`;
    if (remote.endpointurl) return `${trim(remote.endpointurl)}/${bucket}/${prefix}${key}`;
    const host = remote.region ? `s3.${remote.region}.amazonaws.com` : "s3.amazonaws.com";
    return `https://${bucket}.${host}/${prefix}${key}`;
  }
  throw new DatasetError(
    "remote-unsupported",
    `.dvc/config: remote "${remote.name}" (${remote.url}) cannot be read over HTTP; use an http(s) remote, or s3 with endpointurl`,
  );
}

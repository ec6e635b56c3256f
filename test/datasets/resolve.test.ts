import { describe, expect, test } from "bun:test";
import { createHash } from "node:crypto";
import { DatasetError } from "../../lib/datasets/dataset-error.ts";
import { type ResolvedDataset, resolveDataset } from "../../lib/datasets/resolve.ts";
import { createFakeRemote } from "./fake-remote.ts";

const enc = (text: string) => new TextEncoder().encode(text);
const hash = (bytes: Uint8Array | string) => createHash("md5").update(bytes).digest("hex");

const DATA = "id,label\n1,0\n2,1\n";
const SUM = hash(DATA);
const DVC3_KEY = `files/md5/${SUM.slice(0, 2)}/${SUM.slice(2)}`;

const pointer = (over: Record<string, unknown> = {}) => {
  const out = { md5: SUM, size: DATA.length, hash: "md5", path: "train.csv", ...over };
  const lines = Object.entries(out)
    .filter(([, v]) => v !== undefined)
    .map(([k, v], i) => `${i === 0 ? "- " : "  "}${k}: ${v}`);
  return `outs:\n${lines.join("\n")}\n`;
};
const CONFIG = `[core]\n    remote = storage\n['remote "storage"']\n    url = https://dvc.example.com/store/\n`;

function repo(files: Record<string, string>) {
  const reads: string[] = [];
  return {
    reads,
    readRepoFile: async (path: string) => {
      reads.push(path);
      return files[path] === undefined ? null : enc(files[path]);
    },
  };
}

async function resolve(
  spec: { path?: string; dvc?: string; url?: string },
  files: Record<string, string>,
  remote = createFakeRemote({}),
) {
  return resolveDataset({
    spec,
    readRepoFile: repo(files).readRepoFile,
    fetch: remote.handler,
    retry: { limit: 2, delayMs: 0 },
  });
}

const ok = (r: ResolvedDataset | DatasetError) => {
  if (r instanceof DatasetError) throw new Error(`unexpected: ${r.message}`);
  return { ...r, text: new TextDecoder().decode(r.bytes), bytes: undefined };
};

describe("resolveDataset: sources that work", () => {
  test.each([
    [
      "a file in the repo",
      { path: "data/train.csv" },
      { "data/train.csv": DATA },
      {},
      { name: "train.csv", md5: SUM, kind: "path", source: "data/train.csv" },
    ],
    [
      "a DVC 3 pointer on an https remote (data path relative to the pointer)",
      { dvc: "data/train.csv.dvc" },
      { "data/train.csv.dvc": pointer(), ".dvc/config": CONFIG },
      { [`https://dvc.example.com/store/${DVC3_KEY}`]: DATA },
      {
        name: "train.csv",
        md5: SUM,
        kind: "dvc",
        source: `data/train.csv.dvc → https://dvc.example.com/store/${DVC3_KEY}`,
      },
    ],
    [
      "an s3 remote with endpointurl: path-style",
      { dvc: "train.csv.dvc" },
      {
        "train.csv.dvc": pointer(),
        ".dvc/config": `[core]\nremote = minio\n['remote "minio"']\nurl = s3://ml-data/dvc\nendpointurl = http://minio.local:9000/\n`,
      },
      { [`http://minio.local:9000/ml-data/dvc/${DVC3_KEY}`]: DATA },
      {
        name: "train.csv",
        md5: SUM,
        kind: "dvc",
        source: `train.csv.dvc → http://minio.local:9000/ml-data/dvc/${DVC3_KEY}`,
      },
    ],
    [
      "an s3 remote without endpoint: AWS virtual-hosted URL, region honoured",
      { dvc: "train.csv.dvc" },
      {
        "train.csv.dvc": pointer(),
        ".dvc/config": `[core]\nremote = aws\n['remote "aws"']\nurl = s3://public-bucket\nregion = eu-west-1\n`,
      },
      { [`https://public-bucket.s3.eu-west-1.amazonaws.com/${DVC3_KEY}`]: DATA },
      {
        name: "train.csv",
        md5: SUM,
        kind: "dvc",
        source: `train.csv.dvc → https://public-bucket.s3.eu-west-1.amazonaws.com/${DVC3_KEY}`,
      },
    ],
    [
      "the output's own remote wins over the default; old-style section header",
      { dvc: "train.csv.dvc" },
      {
        "train.csv.dvc": pointer({ remote: "other" }),
        ".dvc/config": `${CONFIG}[remote "other"]\nurl = "https://other.example.com"\n`,
      },
      { [`https://other.example.com/${DVC3_KEY}`]: DATA },
      {
        name: "train.csv",
        md5: SUM,
        kind: "dvc",
        source: `train.csv.dvc → https://other.example.com/${DVC3_KEY}`,
      },
    ],
    [
      "a URL",
      { url: "https://data.example.com/sets/churn%20v2.csv?sig=1" },
      {},
      { "https://data.example.com/sets/churn%20v2.csv?sig=1": DATA },
      {
        name: "churn v2.csv",
        md5: SUM,
        kind: "url",
        source: "https://data.example.com/sets/churn%20v2.csv?sig=1",
      },
    ],
  ])("%s", async (_, spec, files, objects, expected) => {
    const result = ok(await resolve(spec, files, createFakeRemote(objects)));
    expect(result).toEqual({ ...expected, text: DATA, bytes: undefined } as never);
  });

  test("a DVC 2 pointer: old layout, md5 of the text with CRLF turned into LF", async () => {
    const crlf = "id,label\r\n1,0\r\n";
    const legacy = hash("id,label\n1,0\n");
    const remote = createFakeRemote({
      [`https://dvc.example.com/store/${legacy.slice(0, 2)}/${legacy.slice(2)}`]: crlf,
    });
    const files = {
      "d.csv.dvc": `outs:\n- md5: ${legacy}\n  size: ${crlf.length}\n  path: d.csv\n`,
      ".dvc/config": CONFIG,
    };
    const result = ok(await resolve({ dvc: "d.csv.dvc" }, files, remote));
    expect(result.md5).toBe(legacy);
    expect(result.text).toBe(crlf);
  });

  test("a 503 then success is retried", async () => {
    const url = `https://dvc.example.com/store/${DVC3_KEY}`;
    const remote = createFakeRemote({ [url]: DATA });
    remote.fail(url, 503, 1);
    const result = ok(
      await resolve(
        { dvc: "t.csv.dvc" },
        { "t.csv.dvc": pointer(), ".dvc/config": CONFIG },
        remote,
      ),
    );
    expect(result.md5).toBe(SUM);
    expect(remote.calls).toEqual([`GET ${url}`, `GET ${url}`]);
  });
});

describe("resolveDataset: errors name the fix", () => {
  const url = `https://dvc.example.com/store/${DVC3_KEY}`;
  const dvcFiles = { "t.csv.dvc": pointer(), ".dvc/config": CONFIG };
  test.each([
    [
      "no source",
      {},
      {},
      {},
      "spec",
      "the dataset gives none of path, dvc, url; give exactly one of path, dvc, url",
    ],
    [
      "two sources",
      { path: "a", url: "https://x" },
      {},
      {},
      "spec",
      "the dataset gives path and url; give exactly one of path, dvc, url",
    ],
    [
      "a missing file",
      { path: "data/train.csv" },
      {},
      {},
      "file-missing",
      "data/train.csv: not found at the pull request's head; commit the file or fix the dataset's path",
    ],
    [
      "a missing pointer",
      { dvc: "t.csv.dvc" },
      { ".dvc/config": CONFIG },
      {},
      "file-missing",
      "t.csv.dvc: not found at the pull request's head; commit the pointer (dvc add, then git add the .dvc file) or fix the dataset's dvc path",
    ],
    [
      "a pointer that is not YAML",
      { dvc: "t.csv.dvc" },
      { "t.csv.dvc": "outs: [md5: {", ".dvc/config": CONFIG },
      {},
      "pointer-unparsable",
      /^t\.csv\.dvc: not valid YAML \(.+\); regenerate it with dvc add and commit the \.dvc file$/,
    ],
    [
      "a pointer without outs",
      { dvc: "t.csv.dvc" },
      { "t.csv.dvc": "md5: abc\n", ".dvc/config": CONFIG },
      {},
      "pointer-unparsable",
      "t.csv.dvc: has no outs; regenerate it with dvc add and commit the .dvc file",
    ],
    [
      "a bad md5",
      { dvc: "t.csv.dvc" },
      { "t.csv.dvc": pointer({ md5: "xyz" }), ".dvc/config": CONFIG },
      {},
      "pointer-unparsable",
      "t.csv.dvc: outs[0].md5 is missing or not 32 hex chars; regenerate it with dvc add and commit the .dvc file",
    ],
    [
      "a directory pointer",
      { dvc: "t.dvc" },
      { "t.dvc": pointer({ md5: `${SUM}.dir` }), ".dvc/config": CONFIG },
      {},
      "pointer-unparsable",
      "t.dvc: tracks a directory; track the data file itself (dvc add data/train.csv)",
    ],
    [
      "no .dvc/config",
      { dvc: "t.csv.dvc" },
      { "t.csv.dvc": pointer() },
      {},
      "remote-missing",
      ".dvc/config: not found; add a remote with dvc remote add -d <name> <url> and commit .dvc/config",
    ],
    [
      "no default remote",
      { dvc: "t.csv.dvc" },
      { "t.csv.dvc": pointer(), ".dvc/config": `# empty\n[core]\n    autostage = true\n` },
      {},
      "remote-missing",
      ".dvc/config: no default remote ([core] remote); set one with dvc remote add -d <name> <url> and commit .dvc/config",
    ],
    [
      "a default remote that is not defined",
      { dvc: "t.csv.dvc" },
      { "t.csv.dvc": pointer(), ".dvc/config": `[core]\nremote = gone\n` },
      {},
      "remote-missing",
      '.dvc/config: remote "gone" has no url; add it with dvc remote add gone <url> and commit .dvc/config',
    ],
    [
      "a remote not reachable over HTTP",
      { dvc: "t.csv.dvc" },
      {
        "t.csv.dvc": pointer(),
        ".dvc/config": `[core]\nremote = g\n['remote "g"']\nurl = gs://bucket/dvc\n`,
      },
      {},
      "remote-unsupported",
      '.dvc/config: remote "g" (gs://bucket/dvc) cannot be read over HTTP; use an http(s) remote, or s3 with endpointurl',
    ],
    [
      "404 at the remote",
      { dvc: "t.csv.dvc" },
      dvcFiles,
      {},
      "not-found",
      `${url}: 404 at the DVC remote "storage"; push the data with dvc push (from the commit that changed t.csv.dvc)`,
    ],
    [
      "md5 mismatch",
      { dvc: "t.csv.dvc" },
      dvcFiles,
      { [url]: DATA.replace("2,1", "2,0") },
      "md5-mismatch",
      `t.csv.dvc: the remote's train.csv has md5 ${hash(DATA.replace("2,1", "2,0"))}, the pointer says ${SUM}; run dvc push from the commit that made t.csv.dvc, or dvc add train.csv again`,
    ],
    [
      "size mismatch",
      { dvc: "data/t.csv.dvc" },
      { "data/t.csv.dvc": pointer(), ".dvc/config": CONFIG },
      { [url]: `${DATA}3,0\n` },
      "size-mismatch",
      `data/t.csv.dvc: the remote's data/train.csv has 21 bytes, the pointer says ${DATA.length}; run dvc push from the commit that made data/t.csv.dvc, or dvc add data/train.csv again`,
    ],
    [
      "a URL that is not one",
      { url: "not a url" },
      {},
      {},
      "spec",
      "not a url: not a URL; give an https URL",
    ],
    [
      "an ftp URL",
      { url: "ftp://x/y.csv" },
      {},
      {},
      "spec",
      "ftp://x/y.csv: ftp: URLs cannot be downloaded; give an https URL",
    ],
    [
      "a URL that answers 403",
      { url: "https://x.example.com/y.csv" },
      {},
      { "https://x.example.com/y.csv": "forbid" },
      "forbidden",
      "https://x.example.com/y.csv: 403 at the dataset URL; make it readable without credentials (public read, or a presigned or proxied HTTP URL)",
    ],
  ])("%s", async (name, spec, files, objects, code, message) => {
    const remote = createFakeRemote(objects);
    if (name === "a URL that answers 403") remote.fail("https://x.example.com/y.csv", 403, 1);
    const result = await resolve(spec, files, remote);
    expect(result).toBeInstanceOf(DatasetError);
    const error = result as DatasetError;
    expect(error.code).toBe(code as never);
    if (typeof message === "string") expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
    expect(error.retryable).toBe(false);
  });

  test("503 past the retry limit is retryable", async () => {
    const remote = createFakeRemote({ [url]: DATA });
    remote.fail(url, 503, 5);
    const result = (await resolve({ dvc: "t.csv.dvc" }, dvcFiles, remote)) as DatasetError;
    expect(result.message).toBe(`${url}: the DVC remote "storage" answered 503; try again later`);
    expect(result.retryable).toBe(true);
    expect(remote.calls.length).toBe(3);
  });

  test("a network failure is retryable", async () => {
    const result = (await resolveDataset({
      spec: { url: "https://down.example.com/d.csv" },
      readRepoFile: async () => null,
      fetch: async () => {
        throw new TypeError("fetch failed");
      },
      retry: { limit: 0, delayMs: 0 },
    })) as DatasetError;
    expect(result.code).toBe("unavailable");
    expect(result.message).toBe(
      "https://down.example.com/d.csv: cannot reach the dataset URL (fetch failed); try again later",
    );
    expect(result.retryable).toBe(true);
  });
});

describe("parseDvcConfig", () => {
  test("sections, comments, quotes, and keys DVC writes that are not used here", async () => {
    const { parseDvcConfig } = await import("../../lib/datasets/dvc-files.ts");
    const text = [
      "# written by dvc remote add",
      "[core]",
      "    remote = 'main'",
      "    autostage = true",
      "; another comment",
      "['remote \"main\"']",
      "    url = s3://bucket/path",
      "    endpointurl = https://s3.example.com",
      "    access_key_id = ignored",
      "[ 'remote \"http\"' ]",
      "    URL = https://dvc.example.com",
      "[cache]",
      "    type = symlink",
    ].join("\r\n");
    expect(parseDvcConfig(text)).toEqual({
      defaultRemote: "main",
      remotes: {
        main: { url: "s3://bucket/path", endpointurl: "https://s3.example.com" },
        http: { url: "https://dvc.example.com" },
      },
    });
  });
});

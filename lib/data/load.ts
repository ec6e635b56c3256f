/** Bytes + a file name → a table: the format from the extension, gzip undone first. lib/ never reads files itself. */
import { DataError } from "./data-error.ts";
import { type LoadOptions, loadCsv } from "./load-csv.ts";
import { loadJson, loadNdjson } from "./load-json.ts";
import type { DataTable } from "./table.ts";

export type { LoadOptions } from "./load-csv.ts";

const FORMATS =
  ".csv, .tsv, .json, .ndjson/.jsonl, .arrow/.feather/.ipc or .parquet (optionally .gz)";

/** Load a data file of any supported format; every failure is a DataError with a one-line message. */
export async function loadData(
  params: { bytes: Uint8Array; file: string } & LoadOptions,
): Promise<DataTable> {
  const { file } = params;
  let bytes = params.bytes;
  let name = file.toLowerCase();
  if (name.endsWith(".gz")) {
    bytes = await gunzip(bytes, file);
    name = name.slice(0, -3);
  }
  const options = { ...params, bytes };
  const extension = name.slice(name.lastIndexOf("."));
  switch (extension) {
    case ".csv":
      return loadCsv(options);
    case ".tsv":
      return loadCsv({ ...options, delimiter: "\t" });
    case ".json":
      return loadJson(options);
    case ".ndjson":
    case ".jsonl":
      return loadNdjson(options);
    // Loaded on demand: CSV users never pay for the Parquet reader.
    case ".arrow":
    case ".feather":
    case ".ipc":
      return (await import("./load-binary.ts")).loadArrow(options);
    case ".parquet":
      return (await import("./load-binary.ts")).loadParquet(options);
    default:
      throw new DataError({ file, message: `unknown data format; name the file ${FORMATS}` });
  }
}

async function gunzip(bytes: Uint8Array, file: string): Promise<Uint8Array> {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    throw new DataError({
      file,
      message: "is not gzip data; drop the .gz suffix or compress the file with gzip",
    });
  }
  try {
    const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
      .stream()
      .pipeThrough(new DecompressionStream("gzip"));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DataError({
      file,
      message: `is damaged gzip data (${reason}); compress the file again`,
    });
  }
}

/** JSON (an array of records) and NDJSON (one record per line) → a table; each row keeps the line its record starts on. */
import { DataError } from "./data-error.ts";
import { tableFromRecords } from "./from-records.ts";
import type { LoadOptions } from "./load-csv.ts";
import type { DataTable } from "./table.ts";

const decoder = new TextDecoder("utf-8", { fatal: true });

function decode(bytes: Uint8Array, file: string): string {
  try {
    const text = decoder.decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    throw new DataError({ file, message: "the bytes are not valid UTF-8; save the file as UTF-8" });
  }
}

/** Parse a JSON array of objects. */
export function loadJson(params: { bytes: Uint8Array; file: string } & LoadOptions): DataTable {
  const { file } = params;
  const text = decode(params.bytes, file);
  if (text.trim() === "") {
    throw new DataError({ file, message: "the file is empty; write an array of records" });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const at = /position (\d+)/.exec(reason);
    const line = at ? lineAt(text, Number(at[1])) : undefined;
    throw new DataError({
      file,
      ...(line !== undefined ? { line } : {}),
      message: "is not valid JSON; fix the syntax (or use .ndjson for one record per line)",
    });
  }
  if (!Array.isArray(value)) {
    throw new DataError({
      file,
      message: 'expected an array of records like [{"a": 1}]; wrap the records in [ ]',
    });
  }
  const lines = recordLines(text, value.length);
  value.forEach((record, i) => {
    if (record === null || typeof record !== "object" || Array.isArray(record)) {
      throw new DataError({
        file,
        line: lines[i]!,
        message: 'this element is not an object; write each record as {"column": value}',
      });
    }
  });
  return tableFromRecords({ ...params, records: value as Record<string, unknown>[], lines });
}

/** Parse newline-delimited JSON: one object per non-blank line. */
export function loadNdjson(params: { bytes: Uint8Array; file: string } & LoadOptions): DataTable {
  const { file } = params;
  const text = decode(params.bytes, file);
  const records: Record<string, unknown>[] = [];
  const lines: number[] = [];
  text.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (line === "") return;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      throw new DataError({
        file,
        line: i + 1,
        message: "is not valid JSON; write one JSON object per line",
      });
    }
    if (record === null || typeof record !== "object" || Array.isArray(record)) {
      throw new DataError({
        file,
        line: i + 1,
        message: 'is not a JSON object; write one {"column": value} per line',
      });
    }
    records.push(record as Record<string, unknown>);
    lines.push(i + 1);
  });
  if (records.length === 0) {
    throw new DataError({ file, message: "the file is empty; write one JSON object per line" });
  }
  return tableFromRecords({ ...params, records, lines: Uint32Array.from(lines) });
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The line each top-level array element starts on (a scan that skips strings). */
function recordLines(text: string, count: number): Uint32Array {
  const out = new Uint32Array(count);
  let line = 1;
  let depth = 0;
  let inString = false;
  let k = 0;
  let expectValue = false;
  for (let i = 0; i < text.length && k < count; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
      continue;
    }
    if (depth === 1 && expectValue && c > 32 && c !== 44 && c !== 93) {
      out[k++] = line;
      expectValue = false;
    }
    if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      depth++;
      if (depth === 1) expectValue = true;
    } else if (c === 93 || c === 125) depth--;
    else if (c === 44 && depth === 1) expectValue = true;
  }
  return out;
}

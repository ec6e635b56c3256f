/// <reference lib="webworker" />
/**
 * Loads one data file off the main thread, so `check-data --reference` parses both files at once
 * on two cores. Answers `{ ok: true, table }` (column buffers transferred, not copied) or
 * `{ ok: false, reason }` with the one-line message the CLI prints.
 */
import { readFile } from "node:fs/promises";
import { DataError } from "../../lib/data/data-error.ts";
import { loadData } from "../../lib/data/load.ts";
import type { ColumnType, DataTable } from "../../lib/data/table.ts";
import { describeReadError } from "../io.ts";

export interface LoadTableRequest {
  path: string;
  types: Record<string, ColumnType>;
  maxBytes: number;
}

export type LoadTableAnswer = { ok: true; table: DataTable } | { ok: false; reason: string };

async function load(request: LoadTableRequest): Promise<LoadTableAnswer> {
  let bytes: Uint8Array;
  try {
    const buffer = await readFile(request.path);
    bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    return { ok: false, reason: describeReadError(request.path, error) };
  }
  try {
    const table = await loadData({ bytes, file: request.path, ...request });
    return { ok: true, table };
  } catch (error) {
    if (error instanceof DataError) return { ok: false, reason: error.message };
    throw error;
  }
}

function transferables(table: DataTable): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>([table.lines.buffer as ArrayBuffer]);
  for (const column of table.columns) {
    if (column.values instanceof Float64Array) buffers.add(column.values.buffer as ArrayBuffer);
  }
  return [...buffers];
}

self.onmessage = async (event: MessageEvent<LoadTableRequest>) => {
  const answer = await load(event.data);
  self.postMessage(answer, answer.ok ? transferables(answer.table) : []);
};

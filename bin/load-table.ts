/** Load a data file for the CLI: on a worker thread where the runtime has web Workers (Bun, Deno), else inline. */
import type { ColumnType, DataTable } from "../lib/data/table.ts";
import type { LoadTableAnswer, LoadTableRequest } from "./workers/load-table.worker.ts";

/** True where a module Worker can run TypeScript directly (Bun, Deno); Node 20 has no global Worker. */
export function canLoadOffThread(): boolean {
  return typeof Worker !== "undefined" && ("Bun" in globalThis || "Deno" in globalThis);
}

/** Parse `path` on a worker; resolves to the table or rejects with the one-line reason. */
export function loadTableOffThread(params: {
  path: string;
  types: Record<string, ColumnType>;
  maxBytes: number;
}): Promise<DataTable> {
  const worker = new Worker(new URL("./workers/load-table.worker.ts", import.meta.url), {
    type: "module",
  });
  return new Promise<DataTable>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<LoadTableAnswer>) => {
      worker.terminate();
      if (event.data.ok) resolve(event.data.table);
      else reject(new OffThreadLoadError(event.data.reason));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(`loading ${params.path} on a worker failed: ${event.message}`));
    };
    worker.postMessage(params satisfies LoadTableRequest);
  });
}

/** A data file that could not be read or parsed; its message is the one line users see. */
export class OffThreadLoadError extends Error {
  override name = "OffThreadLoadError";
}

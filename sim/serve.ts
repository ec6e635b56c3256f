/** Serve a web-standard handler over HTTP on Bun, Deno or Node (the only runtime-specific code of the sim). */

import { Buffer } from "node:buffer";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

export interface Served {
  url: string;
  port: number;
  close(): Promise<void>;
}

type Handler = (request: Request) => Promise<Response>;

interface BunLike {
  serve(options: { port: number; hostname: string; fetch: Handler }): {
    port?: number;
    stop(force?: boolean): Promise<void> | void;
  };
}

interface DenoLike {
  serve(
    options: { port: number; hostname: string; onListen?: () => void },
    handler: Handler,
  ): { addr: { port: number }; shutdown(): Promise<void> };
}

/** Listen on `hostname:port` (port 0: a free one) with the runtime's own server. */
export async function serve(
  handler: Handler,
  opts: { port?: number; hostname?: string } = {},
): Promise<Served> {
  const hostname = opts.hostname ?? "127.0.0.1";
  const port = opts.port ?? 0;
  const g = globalThis as { Bun?: BunLike; Deno?: DenoLike };
  if (g.Bun) {
    const server = g.Bun.serve({ port, hostname, fetch: handler });
    const actual = server.port ?? port;
    return {
      url: `http://${hostname}:${actual}`,
      port: actual,
      close: async () => void (await server.stop(true)),
    };
  }
  if (g.Deno) {
    const server = g.Deno.serve({ port, hostname, onListen: () => {} }, handler);
    return {
      url: `http://${hostname}:${server.addr.port}`,
      port: server.addr.port,
      close: () => server.shutdown(),
    };
  }
  return serveNode(handler, hostname, port);
}

async function toRequest(req: IncomingMessage, base: string): Promise<Request> {
  const chunks: Uint8Array[] = [];
  for await (const c of req) chunks.push(c as Uint8Array);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
  const method = req.method ?? "GET";
  const body = method === "GET" || method === "HEAD" ? undefined : Buffer.concat(chunks);
  return new Request(new URL(req.url ?? "/", base).href, { method, headers, body });
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  for (const [k, v] of response.headers) res.setHeader(k, v);
  res.end(Buffer.from(await response.arrayBuffer()));
}

function serveNode(handler: Handler, hostname: string, port: number): Promise<Served> {
  return new Promise((resolve, reject) => {
    const server = createServer((req, res) => {
      toRequest(req, `http://${hostname}`)
        .then(handler)
        .then((r) => send(res, r))
        .catch((error) => {
          res.statusCode = 500;
          res.end(
            JSON.stringify({
              message: `sim: ${error instanceof Error ? error.message : String(error)}`,
            }),
          );
        });
    });
    server.on("error", reject);
    server.listen(port, hostname, () => {
      const address = server.address();
      const actual = typeof address === "object" && address ? address.port : port;
      resolve({
        url: `http://${hostname}:${actual}`,
        port: actual,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

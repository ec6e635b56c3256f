/** A fake HTTP object store as a web-standard handler: GET of a stored URL answers its bytes, else 404. */

/** A store of `url → bytes`, with `fail(url, status, times)` to inject errors and the request log. */
export function createFakeRemote(objects: Record<string, Uint8Array | string>) {
  const calls: string[] = [];
  const faults = new Map<string, { status: number; times: number }>();
  async function handler(input: Request | URL | string, init?: RequestInit): Promise<Response> {
    const request = input instanceof Request ? input : new Request(String(input), init);
    calls.push(`${request.method} ${request.url}`);
    const fault = faults.get(request.url);
    if (fault && fault.times > 0) {
      fault.times -= 1;
      return new Response("unavailable", { status: fault.status });
    }
    if (request.method !== "GET") return new Response("method not allowed", { status: 405 });
    const body = objects[request.url];
    if (body === undefined)
      return new Response("<Error><Code>NoSuchKey</Code></Error>", { status: 404 });
    return new Response(typeof body === "string" ? body : new Uint8Array(body));
  }
  return {
    handler,
    calls,
    fail(url: string, status: number, times: number) {
      faults.set(url, { status, times });
    },
  };
}

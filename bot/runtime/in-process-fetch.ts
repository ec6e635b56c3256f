/**
 * An in-process `fetch` handler (the sim's) answers with constructed Responses whose `url` is empty;
 * a network fetch sets it to the request's URL, and octokit's paginate reads it (to page compare
 * results). This wrapper makes an in-process handler behave like the network.
 */
type FetchLike = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

/** `fetch` whose responses carry the request URL when they have none. */
export function withResponseUrl(fetch: FetchLike): FetchLike {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (response.url) return response;
    const url = input instanceof Request ? input.url : String(input);
    Object.defineProperty(response, "url", { value: url });
    return response;
  };
}

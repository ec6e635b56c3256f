/** An HTTP error a route throws; the handler renders it as GitHub does: `{message, documentation_url}` (+ `errors`, `status`). */
export class HttpError extends Error {
  override name = "HttpError";
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** 404 Not Found, which GitHub also answers when the caller may not see the resource. */
export const notFound = () => new HttpError(404, "Not Found");

/** 422 Validation Failed with one `errors` entry. */
export function validationFailed(
  resource: string,
  field: string,
  code: string,
  message?: string,
): HttpError {
  const error: Record<string, string> = { resource, field, code };
  if (message) error.message = message;
  return new HttpError(422, "Validation Failed", { errors: [error] });
}

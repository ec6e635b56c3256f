/** A dataset that cannot be had, classified once (DESIGN §4.5): one line that names the fix. */

/** What went wrong, for callers that branch on it (the check run's wording, retry). */
export type DatasetErrorCode =
  | "spec"
  | "file-missing"
  | "pointer-unparsable"
  | "remote-missing"
  | "remote-unsupported"
  | "not-found"
  | "forbidden"
  | "unavailable"
  | "md5-mismatch"
  | "size-mismatch";

/** A dataset failure; `retryable` for 5xx, rate limits and network errors. */
export class DatasetError extends Error {
  override name = "DatasetError";
  constructor(
    readonly code: DatasetErrorCode,
    message: string,
    readonly retryable = false,
  ) {
    super(message);
  }
}

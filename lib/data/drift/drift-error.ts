/** Why a drift statistic cannot be computed; `message` is one line that names the fix. */
export type DriftErrorCode =
  | "empty_reference"
  | "empty_current"
  | "input"
  | "method_kind"
  | "unknown_method";

/** A drift column that cannot be compared (empty side, wrong input, method unfit for the kind). */
export class DriftError extends Error {
  override name = "DriftError";
  constructor(
    readonly code: DriftErrorCode,
    message: string,
  ) {
    super(message);
  }
}

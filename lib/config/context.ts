/** The contract between the loader and the checks that run after the schema (DESIGN §4.4). */

/** A step into a parsed document: a mapping key or a sequence index. */
export type PathSegment = string | number;

/** Where semantic checks report findings; the loader turns each path into file:line:column. */
export interface SemanticContext {
  /** The file being checked, as given to the loader (e.g. "policies/production.yml"). */
  readonly file: string;
  /** Report an error at `path` (the value at that path is pointed at; a missing key points at its parent). */
  error(path: readonly PathSegment[], message: string): void;
  /** Report a warning at `path`; warnings never make a file invalid. */
  warning(path: readonly PathSegment[], message: string): void;
}

/** A check that runs on a schema-valid value and reports through the context. */
export type SemanticCheck<T> = (value: T, ctx: SemanticContext) => void;

/** The result shape of one check (issue 4 item 4) and the helpers row-level checks share. */

export type CheckKind =
  | "required"
  | "type"
  | "nullable"
  | "max_null_share"
  | "min"
  | "max"
  | "in"
  | "regex"
  | "unique"
  | "rows"
  | "strict"
  | "label_rate"
  | "expression";

/** One check's verdict. `rows` holds the file lines of the first offending rows (at most 20). */
export interface CheckResult {
  id: string;
  kind: CheckKind;
  column: string | null;
  passed: boolean;
  observed: unknown;
  expected: string;
  message: string;
  rows: number[];
  /** How many rows failed (row-level checks only). */
  failing?: number;
}

/** At most this many offending rows are listed per check. */
export const MAX_LISTED_ROWS = 20;

/** Collects offending rows: counts all of them, keeps the file lines of the first 20. */
export class Offenders {
  count = 0;
  readonly lines: number[] = [];

  constructor(private readonly fileLines: Uint32Array) {}

  /** Record that `row` fails. */
  add(row: number): void {
    this.count++;
    if (this.lines.length < MAX_LISTED_ROWS) this.lines.push(this.fileLines[row]!);
  }
}

/** Whether a row-level check passes: no failures, or at least `mostly` of the non-null rows pass. */
export function passes(failing: number, nonNull: number, mostly: number | undefined): boolean {
  if (failing === 0) return true;
  if (mostly === undefined || nonNull === 0) return false;
  return (nonNull - failing) / nonNull >= mostly;
}

/** "no values" / "1 value" / "3 values". */
export function plural(count: number, word: string): string {
  return `${count === 0 ? "no" : count} ${word}${count === 1 ? "" : "s"}`;
}

/** 0.1234 → "12.3%". */
export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** The tail added to a message when `mostly` let some rows fail. */
export function mostlyNote(failing: number, nonNull: number, mostly: number | undefined): string {
  if (mostly === undefined || failing === 0 || nonNull === 0) return "";
  return `; ${percent((nonNull - failing) / nonNull)} pass, mostly requires ${percent(mostly)}`;
}

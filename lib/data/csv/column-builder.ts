/** Builds one typed column while the bytes stream by; the type is decided over the whole column. */
import type { Column } from "../table.ts";
import { numberShape, parseNumber } from "./parse-number.ts";
import { Interner, isNullBytes, parseBoolean } from "./strings.ts";

const UNKNOWN = 0;
const NUMERIC = 1;
const BOOLEAN = 2;
const STRING = 3;

/** Thrown to the loader when a field is not valid UTF-8. */
export class Utf8Error extends Error {
  constructor(readonly line: number) {
    super("invalid UTF-8");
  }
}

/**
 * Starts numeric, falls back to boolean then string at the first value that does not fit.
 * A late fallback leaves the earlier rows to re-read (`backfillUntil`): values are never
 * silently turned into NaN.
 */
export class ColumnBuilder {
  private mode: number;
  private integer = true;
  private nonNull = 0;
  private numbers: Float64Array | null;
  private booleans: (boolean | null)[] | null = null;
  private strings: (string | null)[] | null = null;
  private readonly interner = new Interner();
  /** Rows [0, backfillUntil) must be re-read as strings. */
  backfillUntil = 0;

  private capacity: number;

  constructor(
    readonly name: string,
    capacity: number,
    forceString: boolean,
  ) {
    this.capacity = capacity;
    this.mode = forceString ? STRING : UNKNOWN;
    this.numbers = forceString ? null : new Float64Array(capacity);
    // Dense and pre-sized: filling by index is much cheaper than a million pushes.
    if (forceString) this.strings = new Array<string | null>(capacity).fill(null);
  }

  /** Grow the numeric storage to hold `capacity` rows. */
  grow(capacity: number): void {
    this.capacity = capacity;
    if (this.strings) while (this.strings.length < capacity) this.strings.push(null);
    if (this.numbers && this.numbers.length < capacity) {
      const bigger = new Float64Array(capacity);
      bigger.set(this.numbers);
      this.numbers = bigger;
    }
  }

  /** Whether the column still takes numbers (the scanner then parses them inline). */
  get takesNumbers(): boolean {
    return this.mode <= NUMERIC;
  }

  /** Add a number the scanner parsed inline (only while `takesNumbers`). */
  pushNumber(row: number, value: number, integer: boolean): void {
    this.numbers![row] = value;
    this.nonNull++;
    this.mode = NUMERIC;
    if (!integer) this.integer = false;
  }

  /** Add the value of `row`, held in b[s, e). */
  push(row: number, b: Uint8Array, s: number, e: number, line: number): void {
    const mode = this.mode;
    if (mode <= NUMERIC) {
      const value = s === e ? undefined : parseNumber(b, s, e);
      if (value !== undefined) {
        this.numbers![row] = value;
        this.nonNull++;
        this.mode = NUMERIC;
        if (!numberShape.integer) this.integer = false;
        return;
      }
      if (isNullBytes(b, s, e)) {
        this.numbers![row] = Number.NaN;
        return;
      }
      if (mode === UNKNOWN) {
        const flag = parseBoolean(b, s, e);
        if (flag !== undefined) {
          this.booleans = new Array<boolean | null>(row).fill(null);
          this.booleans.push(flag);
          this.mode = BOOLEAN;
          this.numbers = null;
          this.nonNull++;
          return;
        }
      }
      this.toStrings(row);
    } else if (mode === BOOLEAN) {
      const flag = s === e ? undefined : parseBoolean(b, s, e);
      if (flag !== undefined) {
        this.booleans!.push(flag);
        this.nonNull++;
        return;
      }
      if (isNullBytes(b, s, e)) {
        this.booleans!.push(null);
        return;
      }
      this.toStrings(row);
    }
    const text = this.interner.get(b, s, e);
    if (text === undefined) throw new Utf8Error(line);
    this.strings![row] = text;
  }

  /** Set an earlier row's value as a string (the backfill pass). */
  setString(row: number, b: Uint8Array, s: number, e: number, line: number): void {
    const text = this.interner.get(b, s, e);
    if (text === undefined) throw new Utf8Error(line);
    this.strings![row] = text;
  }

  private toStrings(row: number): void {
    if (this.nonNull > 0) this.backfillUntil = row;
    this.strings = new Array<string | null>(this.capacity).fill(null);
    this.mode = STRING;
    this.numbers = null;
    this.booleans = null;
  }

  /** The finished column of `rows` rows. */
  finish(rows: number): Column {
    if (this.mode === STRING) {
      const values = this.strings!;
      values.length = rows;
      return { name: this.name, type: "string", values };
    }
    if (this.mode === BOOLEAN) return { name: this.name, type: "boolean", values: this.booleans! };
    const values = this.numbers!;
    const exact = values.length === rows ? values : values.subarray(0, rows);
    const type = this.integer && this.nonNull > 0 ? "integer" : "number";
    return { name: this.name, type, values: exact };
  }
}

/** Strings from bytes: UTF-8 checked (fatal decoder), short ASCII values interned so a repeated category costs no allocation. */

const decoder = new TextDecoder("utf-8", { fatal: true });

/** Missing-value spellings, as pandas reads them by default (a subset). */
export const NULL_TOKENS: ReadonlySet<string> = new Set([
  "",
  "NA",
  "N/A",
  "n/a",
  "NaN",
  "nan",
  "null",
  "NULL",
  "None",
  "<NA>",
]);

/** Decode b[s, e) as UTF-8; undefined when the bytes are not valid UTF-8. */
export function decodeUtf8(b: Uint8Array, s: number, e: number): string | undefined {
  try {
    return decoder.decode(b.subarray(s, e));
  } catch {
    return undefined;
  }
}

/** Whether b[s, e) spells a missing value. */
export function isNullBytes(b: Uint8Array, s: number, e: number): boolean {
  const len = e - s;
  if (len === 0) return true;
  if (len > 4) return false;
  const text = decodeUtf8(b, s, e);
  return text !== undefined && NULL_TOKENS.has(text);
}

/** Parse true/false in the spellings pandas accepts; undefined otherwise. */
export function parseBoolean(b: Uint8Array, s: number, e: number): boolean | undefined {
  const len = e - s;
  if (len !== 4 && len !== 5) return undefined;
  const text = decodeUtf8(b, s, e);
  if (text === "true" || text === "True" || text === "TRUE") return true;
  if (text === "false" || text === "False" || text === "FALSE") return false;
  return undefined;
}

const MAX_INTERNED_LENGTH = 24;
const SLOTS = 4096;

/** A per-column direct-mapped cache of short ASCII values: a repeated category costs a hash and a compare. */
export class Interner {
  private readonly texts: (string | undefined)[] = new Array(SLOTS);
  private readonly missing = new Uint8Array(SLOTS);

  /** The value of b[s, e): null for a missing-value spelling, undefined for bytes that are not UTF-8. */
  get(b: Uint8Array, s: number, e: number): string | null | undefined {
    const len = e - s;
    if (len === 0) return null;
    if (len > MAX_INTERNED_LENGTH) return orNull(decodeUtf8(b, s, e));
    let hash = len;
    for (let i = s; i < e; i++) {
      const c = b[i]!;
      if (c > 127) return orNull(decodeUtf8(b, s, e));
      hash = (Math.imul(hash, 31) + c) | 0;
    }
    const slot = hash & (SLOTS - 1);
    const hit = this.texts[slot];
    if (hit !== undefined && hit.length === len && sameAscii(hit, b, s)) {
      return this.missing[slot] === 1 ? null : hit;
    }
    let text = "";
    for (let i = s; i < e; i++) text += String.fromCharCode(b[i]!);
    const isMissing = NULL_TOKENS.has(text);
    this.texts[slot] = text;
    this.missing[slot] = isMissing ? 1 : 0;
    return isMissing ? null : text;
  }
}

function orNull(text: string | undefined): string | null | undefined {
  return text !== undefined && NULL_TOKENS.has(text) ? null : text;
}

function sameAscii(text: string, b: Uint8Array, s: number): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== b[s + i]) return false;
  return true;
}

/** YAML parsed with positions: syntax errors as diagnostics, and dotted paths mapped back to line and column. */
import {
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  visit,
  type YAMLError,
} from "yaml";
import type { Diagnostic } from "../diagnostics.ts";
import type { PathSegment } from "./context.ts";

/** A parsed file: its YAML document, its plain value, and the problems found while parsing. */
export interface ParsedYaml {
  file: string;
  text: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** The document as plain data (undefined when it could not be built). */
  value: unknown;
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

/** What a position is wanted for: the value at a path, or the key that names it. */
export type Anchor = "value" | "key";

// Keeps billion-laughs style alias bombs from blowing up memory while building the value.
const MAX_ALIAS_COUNT = 100;

/** Parse YAML text; never throws: every syntax problem becomes a positioned diagnostic. */
export function parseYaml(file: string, text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const parsed: ParsedYaml = {
    file,
    text,
    doc,
    lineCounter,
    value: undefined,
    errors: [],
    warnings: [],
  };
  for (const error of doc.errors) parsed.errors.push(yamlDiagnostic(parsed, error));
  for (const warning of doc.warnings) parsed.warnings.push(yamlDiagnostic(parsed, warning));
  // A duplicate key leaves a well-formed document: keep going so the schema's findings come
  // with it, all at once. Any other syntax error leaves nothing trustworthy to validate.
  if (doc.errors.some((e) => e.code !== "DUPLICATE_KEY")) return parsed;
  if (doc.errors.length > 0) keepFirstOfDuplicates(doc);
  try {
    parsed.value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    parsed.errors.push(aliasDiagnostic(parsed, error));
  }
  return parsed;
}

/** Drop the later pairs of a duplicated key, so the value checked is the one positions point at. */
function keepFirstOfDuplicates(doc: Document.Parsed): void {
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      map.items = map.items.filter((pair) => {
        const key = isScalar(pair.key) ? pair.key.value : String(pair.key);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    },
  });
}

// Error offsets may point at a line's indentation; users want the token it indents.
function tokenOffset(text: string, offset: number): number {
  const start = Math.max(0, Math.min(offset, text.length));
  let at = start;
  while (at < text.length && text[at] === " ") at++;
  return at >= text.length || text[at] === "\n" || text[at] === "\r" ? start : at;
}

/** The 1-based line and column of a character offset, moved past indentation so it lands on the token. */
export function offsetPosition(
  parsed: ParsedYaml,
  offset: number,
): { line: number; column: number } {
  const { line, col } = parsed.lineCounter.linePos(tokenOffset(parsed.text, offset));
  return { line, column: col };
}

/** The deepest node on `path` (and the key naming it), with how many segments were found. */
function walk(parsed: ParsedYaml, path: readonly PathSegment[]) {
  let node: unknown = parsed.doc.contents;
  let key: unknown;
  let depth = 0;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(parsed.doc);
    let next: unknown;
    let nextKey: unknown;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && keyText(item.key) === String(segment));
      if (pair) {
        next = pair.value ?? pair.key;
        nextKey = pair.key;
      }
    } else if (isSeq(node)) {
      const index = typeof segment === "number" ? segment : Number(segment);
      if (Number.isInteger(index)) next = node.items[index];
    }
    if (next === undefined || next === null) break;
    node = next;
    key = nextKey;
    depth++;
  }
  return { node: node as Node | null | undefined, key: key as Node | undefined, depth };
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return key === null || key === undefined ? undefined : String(key);
}

/** Whether the whole path exists in this file. */
export function hasPath(parsed: ParsedYaml, path: readonly PathSegment[]): boolean {
  return walk(parsed, path).depth === path.length;
}

/** How many leading segments of `path` exist in this file. */
export function pathDepth(parsed: ParsedYaml, path: readonly PathSegment[]): number {
  return walk(parsed, path).depth;
}

/** Where `path` is in the file: its value's start (or its key's), falling back to the deepest ancestor found. */
export function positionOf(
  parsed: ParsedYaml,
  path: readonly PathSegment[],
  anchor: Anchor = "value",
): { line: number; column: number } {
  const found = walk(parsed, path);
  const target =
    anchor === "key" && found.depth === path.length && found.key ? found.key : found.node;
  const range = target?.range;
  if (!range) return { line: 1, column: 1 };
  return offsetPosition(parsed, range[0]);
}

/** The path of the deepest node that contains `offset` (for syntax errors). */
export function pathAtOffset(parsed: ParsedYaml, offset: number): PathSegment[] {
  const path: PathSegment[] = [];
  let node: unknown = parsed.doc.contents;
  for (;;) {
    let next: unknown;
    if (isMap(node)) {
      for (const item of node.items) {
        const start = (item.key as Node | null)?.range?.[0];
        // range[1] ends the value itself; range[2] would also take the blank lines after it.
        const end =
          (item.value as Node | null)?.range?.[1] ?? (item.key as Node | null)?.range?.[1];
        if (start !== undefined && end !== undefined && offset >= start && offset < end) {
          const text = keyText(item.key);
          if (text === undefined) break;
          path.push(text);
          next = item.value;
          break;
        }
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        const range = (item as Node | null)?.range;
        if (next === undefined && range && offset >= range[0] && offset < range[1]) {
          path.push(index);
          next = item;
        }
      });
    }
    if (next === undefined || next === null) return path;
    node = next;
  }
}

/** Dotted form of a path, as users see it (`rollout.canary.steps.2.weight`). */
export function dottedPath(path: readonly PathSegment[]): string {
  return path.map(String).join(".");
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function keyAt(parsed: ParsedYaml, offset: number): string | undefined {
  let found: string | undefined;
  visit(parsed.doc, {
    Pair(_key, pair) {
      if ((pair.key as Node | null)?.range?.[0] === offset) {
        found = keyText(pair.key);
        return visit.BREAK;
      }
    },
  });
  return found;
}

function yamlMessage(parsed: ParsedYaml, error: YAMLError): string {
  const [start, end] = error.pos;
  switch (error.code) {
    case "DUPLICATE_KEY":
      return `duplicate key "${keyAt(parsed, start) ?? parsed.text.slice(start, end)}"; keep only one of them`;
    case "BAD_INDENT":
      if (error.message.startsWith("All mapping items")) {
        return "keys of one mapping must start at the same column; fix the indentation";
      }
      if (error.message.startsWith("All sequence items")) {
        return "items of one list must start at the same column; fix the indentation";
      }
      return `${lowerFirst(error.message)}; fix the indentation`;
    case "TAB_AS_INDENT":
      return "tabs are not allowed as indentation; indent with spaces";
    case "BLOCK_AS_IMPLICIT_KEY":
      return 'a mapping cannot start on the same line as its key; move it to its own indented line, or quote the value if it contains ": "';
    case "MULTIPLE_DOCS":
      return "the file holds more than one YAML document; keep one (remove the `---` line)";
    case "MISSING_CHAR":
      return `${lowerFirst(error.message)}; add it`;
    case "MULTILINE_IMPLICIT_KEY":
      return "a key must be on a single line; fix the indentation or quote the text";
    case "BAD_ALIAS":
    case "BAD_SCALAR_START":
      return `${lowerFirst(error.message)}; quote the value`;
    default:
      return `${lowerFirst(error.message)}; check the indentation and quoting here`;
  }
}

function yamlDiagnostic(parsed: ParsedYaml, error: YAMLError): Diagnostic {
  const offset = tokenOffset(parsed.text, error.pos[0]);
  return {
    file: parsed.file,
    ...offsetPosition(parsed, offset),
    path: dottedPath(pathAtOffset(parsed, offset)),
    message: yamlMessage(parsed, error),
  };
}

function aliasDiagnostic(parsed: ParsedYaml, error: unknown): Diagnostic {
  let offset = 0;
  let name = "";
  visit(parsed.doc, {
    Alias(_key, node) {
      if (name === "" && node.resolve(parsed.doc) === undefined) {
        name = node.source;
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      }
    },
  });
  const reason = error instanceof Error ? error.message : String(error);
  const message =
    name !== ""
      ? `unknown alias *${name}; define the anchor &${name} before using it`
      : `${lowerFirst(reason)}; use fewer aliases`;
  return {
    file: parsed.file,
    ...offsetPosition(parsed, offset),
    path: dottedPath(pathAtOffset(parsed, offset)),
    message,
  };
}

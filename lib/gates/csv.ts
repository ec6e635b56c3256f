/** A small RFC 4180 CSV reader for prediction files (quoted fields, CRLF, BOM); large data goes through lib/data. */
import type { CsvTable, Parsed } from "./types.ts";

interface RawRecord {
  line: number;
  fields: string[];
}

function records(text: string): { list: RawRecord[]; error?: string } {
  const list: RawRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let sawQuote = false;
  let line = 1;
  let start = 1;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    // A blank line is no record (a trailing newline, or spacing between blocks); `""` is one.
    if (sawQuote || !(fields.length === 1 && fields[0] === "")) list.push({ line: start, fields });
    fields = [];
    field = "";
    sawQuote = false;
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c === "\n") line++;
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field === "") {
      quoted = true;
      sawQuote = true;
    } else if (c === ",") {
      fields.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      endRecord();
      if (c === "\r" && text[i + 1] === "\n") i++;
      line++;
      start = line;
    } else field += c;
    i++;
  }
  if (quoted) return { list, error: `line ${start}: a quoted field is never closed` };
  if (field !== "" || fields.length > 0 || sawQuote) endRecord();
  return { list };
}

/** Parse CSV text with a header row; ragged rows and unclosed quotes are errors with their line. */
export function parseCsv(params: { source: string; text: string }): Parsed<CsvTable> {
  const { source } = params;
  const { list, error } = records(params.text.replace(/^\uFEFF/, ""));
  if (error) return { ok: false, errors: [`${source}: ${error}; close the quote`] };
  const [head, ...body] = list;
  if (!head) return { ok: false, errors: [`${source}: is empty; write a header row and rows`] };
  const header = head.fields.map((name) => name.trim());
  const errors: string[] = [];
  for (const record of body) {
    if (record.fields.length !== header.length) {
      errors.push(
        `${source}:${record.line}: has ${record.fields.length} fields but the header has ${header.length}; fix the row's commas or quoting`,
      );
      if (errors.length === 10) break;
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: { source, header, rows: body.map((r) => r.fields), lines: body.map((r) => r.line) },
  };
}

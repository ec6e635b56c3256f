/**
 * The sticky report comment as sections between hidden markers: each pipeline stage rewrites only its
 * own section, so the comment is right whatever order events arrive in (a late data event cannot
 * erase the gates, a redelivered one rewrites the same bytes).
 */

/** The marker that finds the bot's report comment among a pull request's comments. */
export const REPORT_MARKER = "<!-- mlops-bot:report -->";

/** The sections of the report, in the order they are shown. */
export const SECTION_ORDER = ["config", "data", "training", "gates", "lineage", "run"] as const;

export type SectionName = (typeof SECTION_ORDER)[number];

const start = (name: string) => `<!-- mlops-bot:section:${name}:start -->`;
const end = (name: string) => `<!-- mlops-bot:section:${name}:end -->`;

const HEADER = "## mlops-bot report";

/** The sections a report body holds, by name (text between the markers, trimmed). */
export function parseSections(body: string): Partial<Record<SectionName, string>> {
  const out: Partial<Record<SectionName, string>> = {};
  for (const name of SECTION_ORDER) {
    const from = body.indexOf(start(name));
    const to = body.indexOf(end(name));
    if (from < 0 || to < from) continue;
    out[name] = body.slice(from + start(name).length, to).trim();
  }
  return out;
}

/** A report body from its sections: the marker, a heading, then each non-empty section in order. */
export function renderSections(sections: Partial<Record<SectionName, string>>): string {
  const parts = [REPORT_MARKER, HEADER];
  for (const name of SECTION_ORDER) {
    const text = sections[name];
    if (text === undefined || text === "") continue;
    parts.push(`${start(name)}\n${text}\n${end(name)}`);
  }
  return `${parts.join("\n\n")}\n`;
}

/** `body` with `updates` applied (a null update removes the section); an empty body starts a new report. */
export function withSections(
  body: string,
  updates: Partial<Record<SectionName, string | null>>,
): string {
  const sections = parseSections(body);
  for (const [name, text] of Object.entries(updates) as [SectionName, string | null][]) {
    if (text === null) delete sections[name];
    else sections[name] = text.trim();
  }
  return renderSections(sections);
}

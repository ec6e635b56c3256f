/** Plan the sticky report comment: find the bot's copy by its marker, edit it, never duplicate it. */
import { parseSections, REPORT_MARKER, type SectionName, withSections } from "./sections.ts";

/** A comment as the planner needs it. */
export interface CommentLike {
  id: number;
  body: string;
  user: { login: string; type: string };
}

/** What to do with the pull request's comments. */
export type StickyPlan =
  | { action: "create"; body: string; remove: number[] }
  | { action: "update"; commentId: number; body: string; remove: number[] }
  | { action: "none"; commentId: number; remove: number[] };

/** The bot's report comments (marker and a Bot author), oldest first by id. */
export function reportComments(comments: CommentLike[]): CommentLike[] {
  return comments
    .filter((c) => c.user.type === "Bot" && c.body.includes(REPORT_MARKER))
    .sort((a, b) => a.id - b.id);
}

/**
 * Apply section updates to the existing report (the oldest copy), or create it. Extra copies — left
 * by two replicas creating at once — are listed in `remove` after their sections are folded in, so
 * nothing a stage wrote is lost.
 */
export function planSticky(params: {
  comments: CommentLike[];
  updates: Partial<Record<SectionName, string | null>>;
}): StickyPlan {
  const [keep, ...extra] = reportComments(params.comments);
  const remove = extra.map((c) => c.id);
  if (!keep) return { action: "create", body: withSections("", params.updates), remove };
  // Sections a losing copy holds that the kept one lacks are carried over before it is removed.
  let base = keep.body;
  for (const copy of extra) base = mergeMissing(base, copy.body);
  const body = withSections(base, params.updates);
  if (body === keep.body) return { action: "none", commentId: keep.id, remove };
  return { action: "update", commentId: keep.id, body, remove };
}

function mergeMissing(body: string, other: string): string {
  const mine = parseSections(body);
  const theirs = parseSections(other);
  const updates: Partial<Record<SectionName, string>> = {};
  for (const [name, text] of Object.entries(theirs) as [SectionName, string][]) {
    if (mine[name] === undefined) updates[name] = text;
  }
  return withSections(body, updates);
}

/** Small helpers shared by the semantic checks of every file kind. */
import type { PathSegment, SemanticContext } from "../context.ts";
import { cronProblem, timeZoneProblem } from "../cron.ts";

/** A context that reports under `prefix` (to run a nested check, e.g. the gates of a policy). */
export function nestedContext(
  ctx: SemanticContext,
  prefix: readonly PathSegment[],
): SemanticContext {
  return {
    file: ctx.file,
    error: (path, message) => ctx.error([...prefix, ...path], message),
    warning: (path, message) => ctx.warning([...prefix, ...path], message),
  };
}

/** The name a file is named after: `policies/production.yml` → `production`. */
export function fileStem(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.(ya?ml|json)$/i, "");
}

/** Require the `environment` (or `model`) named in a file to equal the file's name. */
export function checkNamedAfterFile(params: {
  ctx: SemanticContext;
  key: string;
  value: string;
}): void {
  const stem = fileStem(params.ctx.file);
  if (params.value !== stem) {
    params.ctx.error(
      [params.key],
      `${params.key} "${params.value}" does not match the file name "${stem}"; rename the file or write ${params.key}: ${stem}`,
    );
  }
}

/** Report an unparsable cron expression and an unknown time zone. */
export function checkSchedule(params: {
  ctx: SemanticContext;
  path: readonly PathSegment[];
  cron: string | undefined;
  cronKey: string;
  timeZone: string | undefined;
  timeZoneKey: string;
}): void {
  const { ctx, path } = params;
  if (params.cron !== undefined) {
    const problem = cronProblem(params.cron);
    if (problem) {
      ctx.error(
        [...path, params.cronKey],
        `invalid cron "${params.cron}": ${problem}; write five fields: minute hour day-of-month month day-of-week`,
      );
    }
  }
  if (params.timeZone !== undefined) {
    const problem = timeZoneProblem(params.timeZone);
    if (problem) ctx.error([...path, params.timeZoneKey], problem);
  }
}

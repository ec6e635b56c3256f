/** Semantic checks of policies/<environment>.yml: what the schema cannot say. */
import type { SemanticCheck } from "../context.ts";
import { parseDuration } from "../duration.ts";
import type { PromotionPolicy } from "../types.gen.ts";
import { checkNamedAfterFile, checkSchedule } from "./common.ts";
import { checkGatesAt } from "./nested.ts";

/** Every rule of a promotion policy that spans more than one value. */
export const checkPolicy: SemanticCheck<PromotionPolicy> = (policy, ctx) => {
  checkNamedAfterFile({ ctx, key: "environment", value: policy.environment });
  if (policy.source !== undefined && policy.source === policy.environment) {
    ctx.error(
      ["source"],
      `source "${policy.source}" is this environment itself; name the environment candidates come from, or registry`,
    );
  }
  checkApprovals(policy, ctx);
  policy.freeze?.forEach((window, index) => {
    const path = ["freeze", index];
    const recurring = window.schedule !== undefined || window.duration !== undefined;
    const oneOff = window.start !== undefined || window.end !== undefined;
    if (recurring && oneOff) {
      ctx.error(
        path,
        "mixes a recurring window (schedule, duration) with a one-off window (start, end); split it into two windows",
      );
      return;
    }
    if (!recurring && !oneOff) {
      ctx.error(
        path,
        "is empty; give schedule and duration (recurring) or start and end (one-off)",
      );
      return;
    }
    if (recurring) {
      if (window.schedule === undefined)
        ctx.error(
          path,
          'missing "schedule" for the duration; add a cron expression such as "0 18 * * 5"',
        );
      if (window.duration === undefined)
        ctx.error(
          path,
          'missing "duration" for the schedule; add how long the window stays open, such as 2d14h',
        );
      else if (parseDuration(window.duration) === 0)
        ctx.error(
          [...path, "duration"],
          "must be longer than 0s; give how long the window stays open",
        );
      checkSchedule({
        ctx,
        path,
        cron: window.schedule,
        cronKey: "schedule",
        timeZone: window.timezone,
        timeZoneKey: "timezone",
      });
      return;
    }
    if (window.timezone !== undefined) {
      ctx.error(
        [...path, "timezone"],
        "applies only to a schedule; start and end carry their own offset, so remove it",
      );
    }
    if (window.start === undefined)
      ctx.error(path, 'missing "start" for the end; add when the window opens');
    if (window.end === undefined)
      ctx.error(path, 'missing "end" for the start; add when the window closes');
    if (
      window.start !== undefined &&
      window.end !== undefined &&
      Date.parse(window.start) >= Date.parse(window.end)
    ) {
      ctx.error(
        [...path, "end"],
        `must be after start (${window.start}); swap them or fix the dates`,
      );
    }
  });
  checkRollout(policy, ctx);
  if (policy.gates !== undefined) checkGatesAt({ gates: policy.gates, ctx, path: ["gates"] });
};

function checkApprovals(policy: PromotionPolicy, ctx: Parameters<SemanticCheck<unknown>>[1]): void {
  const approvals = policy.approvals;
  if (!approvals) return;
  const users = approvals.reviewers?.users ?? [];
  const teams = approvals.reviewers?.teams ?? [];
  if (teams.length === 0 && approvals.required > users.length) {
    ctx.error(
      ["approvals", "required"],
      `requires ${approvals.required} approvals but only ${users.length} reviewer${users.length === 1 ? " is" : "s are"} listed; list more users, add a team, or lower required`,
    );
  }
}

function checkRollout(policy: PromotionPolicy, ctx: Parameters<SemanticCheck<unknown>>[1]): void {
  const rollout = policy.rollout;
  const steps = rollout.canary?.steps ?? [];
  steps.forEach((step, index) => {
    const previous = steps[index - 1];
    if (previous && step.weight <= previous.weight) {
      ctx.error(
        ["rollout", "canary", "steps", index, "weight"],
        `must be greater than the previous step's weight ${previous.weight}; weights strictly increase`,
      );
    }
  });
  const last = steps[steps.length - 1];
  if (last && last.weight !== 100) {
    ctx.error(
      ["rollout", "canary", "steps", steps.length - 1, "weight"],
      `the last step must send 100% to the candidate, got ${last.weight}; add a final step with weight: 100`,
    );
  }
  const unused: [keyof typeof rollout, string][] = [
    ["canary", "canary"],
    ["shadow", "shadow"],
    ["blue_green", "blue-green"],
  ];
  for (const [key, strategy] of unused) {
    if (rollout[key] !== undefined && rollout.strategy !== strategy) {
      ctx.warning(
        ["rollout", key],
        `is ignored because strategy is ${rollout.strategy}; remove it or set strategy: ${strategy}`,
      );
    }
  }
  const analysis = rollout.analysis;
  if (analysis && analysis.prometheus === undefined) {
    ctx.error(
      ["rollout", "analysis"],
      'missing "prometheus" for the analysis metrics; add prometheus: { address: http://prometheus:9090 }',
    );
  }
  if (analysis && rollout.strategy === "direct") {
    ctx.warning(
      ["rollout", "analysis"],
      "runs only between steps; direct rollouts have none, so remove it or pick canary",
    );
  }
}

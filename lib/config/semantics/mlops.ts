/** Semantic checks of .github/mlops.yml: what the schema cannot say. */
import type { SemanticCheck } from "../context.ts";
import type { MlopsConfig } from "../types.gen.ts";
import { checkSchedule } from "./common.ts";
import { checkDataPolicyAt, checkGatesAt, gateMetricNames } from "./nested.ts";

/** Every rule of an ML repository's config that spans more than one value. */
export const checkMlops: SemanticCheck<MlopsConfig> = (config, ctx) => {
  for (const [name, dataset] of Object.entries(config.datasets ?? {})) {
    if (!dataset) continue;
    const path = ["datasets", name];
    const sources = (["path", "dvc", "url"] as const).filter((key) => dataset[key] !== undefined);
    if (sources.length === 0) {
      ctx.error(path, "names no data; add one of path, dvc or url");
    } else if (sources.length > 1) {
      ctx.error(
        [...path, sources[1]!],
        `conflicts with ${sources[0]}; keep exactly one of path, dvc or url`,
      );
    }
    if (dataset.checks !== undefined && dataset.checks_file !== undefined) {
      ctx.error(
        [...path, "checks_file"],
        "conflicts with the inline checks; keep checks or checks_file, not both",
      );
    }
    if (dataset.checks !== undefined)
      checkDataPolicyAt({ policy: dataset.checks, ctx, path: [...path, "checks"] });
  }

  const training = config.training;
  if (training?.approval_label !== undefined && training.forks !== "require-approval") {
    ctx.warning(
      ["training", "approval_label"],
      "is used only with forks: require-approval; remove it or set forks",
    );
  }
  if (training?.forks === "require-approval" && training.approval_label === undefined) {
    ctx.error(
      ["training"],
      'missing "approval_label" for forks: require-approval; add the label maintainers put on fork PRs, e.g. safe-to-train',
    );
  }

  if (config.gates !== undefined) {
    checkGatesAt({ gates: config.gates, ctx, path: ["gates"] });
    const declared = training?.metrics;
    const named = gateMetricNames(config.gates);
    if (declared === undefined && named.length > 0) {
      ctx.error(
        training ? ["training"] : [],
        `gates name metrics (${[...new Set(named.map(([, m]) => m))].join(", ")}) but training.metrics does not list what training produces; add training.metrics`,
      );
    } else if (declared !== undefined) {
      for (const [path, metric] of named) {
        if (!declared.includes(metric)) {
          ctx.error(
            ["gates", ...path],
            `gates metric "${metric}" is not produced by training; add it to training.metrics (${declared.join(", ") || "empty"}) or fix the name`,
          );
        }
      }
    }
  }

  config.triggers?.schedule?.forEach((entry, index) => {
    checkSchedule({
      ctx,
      path: ["triggers", "schedule", index],
      cron: entry.cron,
      cronKey: "cron",
      timeZone: entry.timezone,
      timeZoneKey: "timezone",
    });
  });
};

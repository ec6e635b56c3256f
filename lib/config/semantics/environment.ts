/** Semantic checks of environments/<environment>.yaml: what the schema cannot say. */
import type { SemanticCheck } from "../context.ts";
import type { EnvironmentState } from "../types.gen.ts";
import { checkNamedAfterFile } from "./common.ts";

/** Every rule of an environment's state that spans more than one value. */
export const checkEnvironment: SemanticCheck<EnvironmentState> = (state, ctx) => {
  checkNamedAfterFile({ ctx, key: "environment", value: state.environment });
  for (const [name, model] of Object.entries(state.models)) {
    if (!model) continue;
    const path = ["models", name];
    const { stable, candidate, traffic } = model;
    const sum = traffic.stable + traffic.candidate;
    // Before the first promotion nothing serves, and 0 + 0 is the honest split.
    if (sum !== 100 && (stable || candidate)) {
      ctx.error(
        [...path, "traffic"],
        `stable ${traffic.stable} + candidate ${traffic.candidate} = ${sum}; the split must add up to 100`,
      );
    }
    if (!candidate && traffic.candidate > 0) {
      ctx.error(
        [...path, "traffic", "candidate"],
        `sends ${traffic.candidate}% to a candidate but there is none; set it to 0 or name the candidate`,
      );
    }
    if (!candidate && traffic.shadow !== undefined && traffic.shadow > 0) {
      ctx.error(
        [...path, "traffic", "shadow"],
        "mirrors traffic but there is no candidate; set it to 0 or name the candidate",
      );
    }
    if (!stable && traffic.stable > 0) {
      ctx.error(
        [...path, "traffic", "stable"],
        `sends ${traffic.stable}% to a stable version but there is none; set it to 0 or name the stable version`,
      );
    }
    if (candidate && (model.phase === "idle" || model.phase === "promoted")) {
      ctx.error(
        [...path, "phase"],
        `is ${model.phase} while a candidate is set; use progressing or paused, or clear the candidate`,
      );
    }
    if (!candidate && (model.phase === "progressing" || model.phase === "paused")) {
      ctx.error(
        [...path, "phase"],
        `is ${model.phase} but there is no candidate; use idle or name the candidate`,
      );
    }
    if (stable && candidate && stable.version === candidate.version) {
      ctx.error(
        [...path, "candidate", "version"],
        `equals the stable version ${stable.version}; a candidate must be another version`,
      );
    }
  }
};

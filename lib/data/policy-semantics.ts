/** Checks of a data policy that the schema cannot express: regexes compile, bounds are ordered, expressions stay inside arquero's language. */
import type { SemanticCheck } from "../config/context.ts";
import { parseSafeExpression } from "./expression.ts";
import { columnRules, type DataPolicy } from "./policy.ts";

/** The semantic check the loader runs on kind `data-policy` (and on each dataset's `checks:`). */
export const checkDataPolicy: SemanticCheck<DataPolicy> = (policy, ctx) => {
  for (const [name, rule] of columnRules(policy)) {
    const at = ["columns", name];
    if (rule.regex !== undefined) {
      const pattern = typeof rule.regex === "string" ? rule.regex : rule.regex.pattern;
      try {
        new RegExp(pattern);
      } catch {
        // The engine's own reason differs between runtimes, so the message stays generic.
        const path =
          typeof rule.regex === "string" ? [...at, "regex"] : [...at, "regex", "pattern"];
        ctx.error(
          path,
          "not a valid JavaScript regular expression; check its brackets, parentheses and escapes",
        );
      }
    }
    const min = typeof rule.min === "object" ? rule.min.value : rule.min;
    const max = typeof rule.max === "object" ? rule.max.value : rule.max;
    if (min !== undefined && max !== undefined && min > max) {
      ctx.error([...at, "min"], `min ${min} is greater than max ${max}; swap them`);
    }
    if (rule.nullable === false && rule.max_null_share !== undefined && rule.max_null_share > 0) {
      ctx.warning(
        [...at, "max_null_share"],
        "nullable: false already allows no nulls; drop max_null_share or nullable",
      );
    }
  }
  const rows = policy.rows;
  if (rows?.min !== undefined && rows.max !== undefined && rows.min > rows.max) {
    ctx.error(["rows", "min"], `min ${rows.min} is greater than max ${rows.max}; swap them`);
  }
  const rate = policy.label?.rate;
  if (rate?.min !== undefined && rate.max !== undefined && rate.min > rate.max) {
    ctx.error(
      ["label", "rate", "min"],
      `min ${rate.min} is greater than max ${rate.max}; swap them`,
    );
  }
  if (policy.label && policy.columns && !(policy.label.column in policy.columns)) {
    ctx.warning(
      ["label", "column"],
      `label column "${policy.label.column}" is not declared under columns; declare it so its values are checked`,
    );
  }
  const names = new Set<string>();
  (policy.expressions ?? []).forEach((rule, i) => {
    if (names.has(rule.name)) {
      ctx.error(
        ["expressions", i, "name"],
        `expression name "${rule.name}" is used twice; rename one`,
      );
    }
    names.add(rule.name);
    const parsed = parseSafeExpression(rule.expr);
    if ("message" in parsed) {
      ctx.error(
        ["expressions", i, "expr"],
        `refused at column ${parsed.column}: ${parsed.message}`,
      );
    }
  });
};

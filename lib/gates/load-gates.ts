/** Find and validate the gates in a YAML file: a gates file, a `.github/mlops.yml` or a `policies/<env>.yml`. */
import type { PathSegment } from "../config/context.ts";
import { locateIn, validateValue } from "../config/validate-value.ts";
import { parseYaml } from "../config/yaml-document.ts";
import type { ValidationResult } from "../diagnostics.ts";
import type { Gates } from "./types.ts";

const GATE_KEYS = ["metrics", "regression", "fairness"];

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Validate the gates of `text` against gates.schema.json and checkGates. A document with a `gates:`
 * key (mlops.yml, a policy, or a wrapped gates file) yields that block, and only it is checked
 * (`mlops validate` checks the rest); otherwise the document is the gates block itself.
 * Positions and paths point into the whole file either way.
 */
export function loadGates(params: { file: string; text: string }): ValidationResult<Gates> {
  const { file } = params;
  const parsed = parseYaml(file, params.text);
  if (parsed.errors.length > 0) {
    return { valid: false, errors: parsed.errors, warnings: parsed.warnings };
  }
  const root = parsed.value;
  const wrapped = isMapping(root) && "gates" in root;
  if (isMapping(root) && !wrapped && !Object.keys(root).some((k) => GATE_KEYS.includes(k))) {
    return {
      valid: false,
      errors: [
        {
          file,
          line: 1,
          column: 1,
          path: "",
          message:
            "no gates found; add a `gates:` block with metrics, regression or fairness (or write them at the top level of a gates file)",
        },
      ],
      warnings: parsed.warnings,
    };
  }
  const prefix: PathSegment[] = wrapped ? ["gates"] : [];
  const locate = locateIn(parsed);
  const result = validateValue<Gates>({
    value: wrapped ? root.gates : root,
    kind: "gates",
    file,
    locate: (path, anchor) => locate([...prefix, ...path], anchor),
  });
  return { ...result, warnings: [...parsed.warnings, ...result.warnings] };
}

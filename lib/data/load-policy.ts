/** A data policy from YAML text: a standalone data-policy file, or a dataset's `checks:` in .github/mlops.yml. */
import { loadDocument } from "../config/load.ts";
import { type Diagnostic, formatDiagnostic } from "../diagnostics.ts";
import type { DataPolicy } from "./policy.ts";

/** The policy, or the diagnostics that make it unusable (formatted `file:line:column: path: message`). */
export type PolicySource =
  | { ok: true; policy: DataPolicy; warnings: string[] }
  | { ok: false; errors: string[] };

type MlopsLike = { datasets?: Record<string, { checks?: DataPolicy }> };

/** Validate `text` as a data policy (or, for a file named mlops.yml, take `datasets.<dataset>.checks`). */
export function loadDataPolicy(params: {
  file: string;
  text: string;
  dataset?: string;
}): PolicySource {
  const { file, text, dataset } = params;
  const isMlops = /(^|\/)mlops\.ya?ml$/.test(file);
  const result = loadDocument<DataPolicy | MlopsLike>({
    file,
    text,
    kind: isMlops ? "mlops" : "data-policy",
  });
  const lines = (list: Diagnostic[]) => list.map(formatDiagnostic);
  if (!result.valid || result.value === undefined)
    return { ok: false, errors: lines(result.errors) };
  const warnings = lines(result.warnings);
  if (!isMlops) return { ok: true, policy: result.value as DataPolicy, warnings };
  const datasets = (result.value as MlopsLike).datasets ?? {};
  const names = Object.keys(datasets);
  const chosen = dataset ?? (names.length === 1 ? names[0] : undefined);
  if (chosen === undefined) {
    return {
      ok: false,
      errors: [
        `${file}: name the dataset with --dataset (one of: ${names.join(", ") || "none declared"})`,
      ],
    };
  }
  const checks = datasets[chosen]?.checks;
  if (!checks) {
    return {
      ok: false,
      errors: [
        datasets[chosen]
          ? `${file}: dataset "${chosen}" has no inline checks; add datasets.${chosen}.checks`
          : `${file}: no dataset "${chosen}"; use one of: ${names.join(", ")}`,
      ],
    };
  }
  return { ok: true, policy: checks, warnings };
}

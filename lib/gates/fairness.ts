/**
 * Group fairness of a binary classifier's predictions, with fairlearn's definitions: per group
 * (each combination of the sensitive columns' values present in the data) the selection rate,
 * true positive rate and false positive rate; then differences (max − min) and ratios
 * (min / max) between groups.
 */
import type { CsvTable, FairnessGates, FairnessSummary, GroupRates, Parsed } from "./types.ts";

/** The fairness metrics a gate may bound, with what each measures. */
export const FAIRNESS_METRICS: Record<string, string> = {
  demographic_parity_difference: "largest minus smallest selection rate",
  demographic_parity_ratio: "smallest over largest selection rate",
  disparate_impact_ratio: "smallest over largest selection rate (demographic_parity_ratio)",
  equalized_odds_difference: "larger of the true and false positive rate differences",
  equalized_odds_ratio: "smaller of the true and false positive rate ratios",
  equal_opportunity_difference: "largest minus smallest true positive rate",
  equal_opportunity_ratio: "smallest over largest true positive rate",
};

const NUMERIC = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** Canonical form of a label cell, so that "1", "1.0" and 1 are one value and "True" equals true. */
function canonical(cell: string): string {
  const trimmed = cell.trim();
  if (NUMERIC.test(trimmed)) return String(Number(trimmed));
  const lower = trimmed.toLowerCase();
  return lower === "true" || lower === "false" ? lower : trimmed;
}

function difference(values: number[]): number {
  return Math.max(...values) - Math.min(...values);
}

// fairlearn divides min by max; with every rate 0 that is 0/0 (NaN there): undefined, so null here.
function ratio(values: number[]): number | null {
  const max = Math.max(...values);
  return max === 0 ? null : Math.min(...values) / max;
}

interface Tally {
  values: Record<string, string>;
  count: number;
  selected: number;
  positives: number;
  truePositives: number;
  negatives: number;
  falsePositives: number;
}

function columnIndex(table: CsvTable, name: string, role: string, errors: string[]): number {
  const index = table.header.indexOf(name);
  if (index < 0) {
    errors.push(
      `${table.source}: has no ${role} column "${name}" (columns: ${table.header.join(", ")}); add it or fix the fairness config`,
    );
  }
  return index;
}

function tally(
  table: CsvTable,
  config: FairnessGates,
  positive: string,
): Parsed<Map<string, Tally>> {
  const errors: string[] = [];
  const labelName = config.columns?.label ?? "label";
  const predictionName = config.columns?.prediction ?? "prediction";
  const labelAt = columnIndex(table, labelName, "label", errors);
  const predictionAt = columnIndex(table, predictionName, "prediction", errors);
  const sensitiveAt = config.sensitive.map((name) =>
    columnIndex(table, name, "sensitive attribute", errors),
  );
  if (errors.length > 0) return { ok: false, errors };
  if (table.rows.length === 0) {
    return { ok: false, errors: [`${table.source}: has no rows; write the holdout predictions`] };
  }
  const groups = new Map<string, Tally>();
  const outcomes = new Set<string>();
  table.rows.forEach((row, r) => {
    const where = `${table.source}:${table.lines[r]}`;
    const cells: [string, number][] = [
      [labelName, labelAt],
      [predictionName, predictionAt],
      ...config.sensitive.map((name, k): [string, number] => [name, sensitiveAt[k] as number]),
    ];
    const empty = cells.find(([, at]) => (row[at] ?? "").trim() === "");
    if (empty) {
      if (errors.length < 10) {
        errors.push(`${where}: column "${empty[0]}" is empty; fill it in or drop the row`);
      }
      return;
    }
    const label = canonical(row[labelAt] as string);
    const prediction = canonical(row[predictionAt] as string);
    outcomes.add(label).add(prediction);
    const values: Record<string, string> = {};
    for (const [k, name] of config.sensitive.entries()) {
      values[name] = (row[sensitiveAt[k] as number] as string).trim();
    }
    const key = config.sensitive.map((name) => `${name}=${values[name]}`).join(", ");
    const group = groups.get(key) ?? {
      values,
      count: 0,
      selected: 0,
      positives: 0,
      truePositives: 0,
      negatives: 0,
      falsePositives: 0,
    };
    groups.set(key, group);
    group.count++;
    const selected = prediction === positive;
    if (selected) group.selected++;
    if (label === positive) {
      group.positives++;
      if (selected) group.truePositives++;
    } else {
      group.negatives++;
      if (selected) group.falsePositives++;
    }
  });
  if (errors.length > 0) return { ok: false, errors };
  const seen = [...outcomes].sort();
  if (!outcomes.has(positive)) {
    errors.push(
      `${table.source}: the positive outcome ${positive} appears in neither "${labelName}" nor "${predictionName}" (values: ${seen.join(", ")}); set fairness.positive to the selected outcome`,
    );
  } else if (outcomes.size > 2) {
    errors.push(
      `${table.source}: "${labelName}" and "${predictionName}" hold ${outcomes.size} values (${seen.join(", ")}); fairness gates need a binary classifier's labels and predictions`,
    );
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: groups };
}

/** Compute group rates and every metric of FAIRNESS_METRICS from a predictions table. */
export function computeFairness(params: {
  table: CsvTable;
  config: FairnessGates;
}): Parsed<FairnessSummary> {
  const { table, config } = params;
  const positive = canonical(String(config.positive ?? 1));
  const tallied = tally(table, config, positive);
  if (!tallied.ok) return tallied;
  // sklearn's confusion matrix (normalize="true") turns 0/0 into 0: a group without positives has TPR 0.
  const rate = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
  const groups: GroupRates[] = [...tallied.value.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, g]) => ({
      key,
      values: g.values,
      count: g.count,
      selectionRate: g.selected / g.count,
      truePositiveRate: rate(g.truePositives, g.positives),
      falsePositiveRate: rate(g.falsePositives, g.negatives),
    }));
  const selection = groups.map((g) => g.selectionRate);
  const tpr = groups.map((g) => g.truePositiveRate);
  const fpr = groups.map((g) => g.falsePositiveRate);
  const parityRatio = ratio(selection);
  const oddsRatios = [ratio(tpr), ratio(fpr)].filter((v): v is number => v !== null);
  return {
    ok: true,
    value: {
      sensitive: config.sensitive,
      positive,
      groups,
      metrics: {
        demographic_parity_difference: difference(selection),
        demographic_parity_ratio: parityRatio,
        disparate_impact_ratio: parityRatio,
        equalized_odds_difference: Math.max(difference(tpr), difference(fpr)),
        equalized_odds_ratio: oddsRatios.length > 0 ? Math.min(...oddsRatios) : null,
        equal_opportunity_difference: difference(tpr),
        equal_opportunity_ratio: ratio(tpr),
      },
    },
  };
}

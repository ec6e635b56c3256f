#!/usr/bin/env bun
/**
 * The example repo's training script: logistic regression on the churn CSV, evaluated on a
 * holdout split. Writes the metrics JSON and the holdout predictions CSV that the quality gates
 * read. Deterministic: the split hashes customer_id and gradient descent starts from zeros.
 *
 *   bun examples/churn/train.ts --data data/train.csv --out out/ [--epochs 300] [--lr 0.5]
 *
 * Standalone on purpose (it is the user's script, not the bot's): it imports nothing from lib/.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import process from "node:process";
import { parseArgs } from "node:util";

const FEATURES = [
  "tenure_months",
  "monthly_charges",
  "total_charges",
  "num_products",
  "has_support_calls",
] as const;
const LABEL = "churn";

interface Dataset {
  x: Float64Array[];
  y: Uint8Array;
  ids: string[];
  groups: string[];
}

/** Parse the CSV (no quoted commas in this data set) into feature rows; rows with missing values are dropped. */
export function parseChurnCsv(text: string): Dataset {
  const lines = text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .filter((l) => l.length > 0);
  const header = (lines[0] ?? "").split(",");
  const at = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0)
      throw new Error(`training data has no column "${name}" (header: ${header.join(",")})`);
    return i;
  };
  const featureIdx = FEATURES.map(at);
  const labelIdx = at(LABEL);
  const idIdx = header.indexOf("customer_id");
  const groupIdx = header.indexOf("plan");
  const x: Float64Array[] = [];
  const labels: number[] = [];
  const ids: string[] = [];
  const groups: string[] = [];
  for (let r = 1; r < lines.length; r++) {
    const f = (lines[r] as string).split(",");
    const row = new Float64Array(FEATURES.length);
    let ok = true;
    featureIdx.forEach((c, j) => {
      const v = Number(f[c]);
      if (f[c] === "" || !Number.isFinite(v)) ok = false;
      row[j] = v;
    });
    const label = Number(f[labelIdx]);
    if (!ok || (label !== 0 && label !== 1)) continue;
    x.push(row);
    labels.push(label);
    ids.push(idIdx >= 0 ? (f[idIdx] ?? String(r)) : String(r));
    groups.push(groupIdx >= 0 ? (f[groupIdx] ?? "") : "");
  }
  return { x, y: Uint8Array.from(labels), ids, groups };
}

/** FNV-1a of the id: a split that does not move when rows are added or reordered. */
function inHoldout(id: string): boolean {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return (h >>> 0) % 5 === 0;
}

function standardize(train: Float64Array[], all: Float64Array[][]): void {
  const d = train[0]?.length ?? 0;
  for (let j = 0; j < d; j++) {
    let mean = 0;
    for (const row of train) mean += row[j] as number;
    mean /= train.length;
    let variance = 0;
    for (const row of train) variance += ((row[j] as number) - mean) ** 2;
    const sd = Math.sqrt(variance / train.length) || 1;
    for (const set of all) for (const row of set) row[j] = ((row[j] as number) - mean) / sd;
  }
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Batch gradient descent on the log loss; returns weights with the bias last. */
export function fitLogistic(
  x: Float64Array[],
  y: Uint8Array,
  epochs: number,
  lr: number,
): Float64Array {
  const d = x[0]?.length ?? 0;
  const w = new Float64Array(d + 1);
  const grad = new Float64Array(d + 1);
  for (let e = 0; e < epochs; e++) {
    grad.fill(0);
    for (let i = 0; i < x.length; i++) {
      const row = x[i] as Float64Array;
      let z = w[d] as number;
      for (let j = 0; j < d; j++) z += (w[j] as number) * (row[j] as number);
      const err = sigmoid(z) - (y[i] as number);
      for (let j = 0; j < d; j++) grad[j] = (grad[j] as number) + err * (row[j] as number);
      grad[d] = (grad[d] as number) + err;
    }
    for (let j = 0; j <= d; j++) w[j] = (w[j] as number) - (lr * (grad[j] as number)) / x.length;
  }
  return w;
}

function score(w: Float64Array, row: Float64Array): number {
  const d = row.length;
  let z = w[d] as number;
  for (let j = 0; j < d; j++) z += (w[j] as number) * (row[j] as number);
  return sigmoid(z);
}

/** ROC AUC by the rank statistic, ties counted half. */
export function rocAuc(scores: number[], labels: number[]): number {
  const order = scores.map((s, i) => [s, labels[i] as number] as const).sort((a, b) => a[0] - b[0]);
  let pos = 0;
  let neg = 0;
  let rankSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && order[j]?.[0] === order[i]?.[0]) j++;
    const avgRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (order[k]?.[1] === 1) rankSum += avgRank;
    i = j;
  }
  for (const l of labels) l === 1 ? pos++ : neg++;
  if (pos === 0 || neg === 0) return Number.NaN;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Train, evaluate on the holdout, and return the metrics and the predictions CSV. */
export function trainAndEvaluate(data: Dataset, epochs: number, lr: number) {
  const train: Float64Array[] = [];
  const trainY: number[] = [];
  const test: Float64Array[] = [];
  const testY: number[] = [];
  const testIds: string[] = [];
  const testGroups: string[] = [];
  data.x.forEach((row, i) => {
    if (inHoldout(data.ids[i] as string)) {
      test.push(row);
      testY.push(data.y[i] as number);
      testIds.push(data.ids[i] as string);
      testGroups.push(data.groups[i] as string);
    } else {
      train.push(row);
      trainY.push(data.y[i] as number);
    }
  });
  if (train.length === 0 || test.length === 0)
    throw new Error("too few rows to split into train and holdout");
  standardize(train, [train, test]);
  const w = fitLogistic(train, Uint8Array.from(trainY), epochs, lr);
  const scores = test.map((row) => score(w, row));
  const preds = scores.map((s) => (s >= 0.5 ? 1 : 0));
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let correct = 0;
  let logLoss = 0;
  preds.forEach((p, i) => {
    const y = testY[i] as number;
    if (p === y) correct++;
    if (p === 1 && y === 1) tp++;
    if (p === 1 && y === 0) fp++;
    if (p === 0 && y === 1) fn++;
    const s = Math.min(Math.max(scores[i] as number, 1e-15), 1 - 1e-15);
    logLoss -= y * Math.log(s) + (1 - y) * Math.log(1 - s);
  });
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  const metrics = {
    accuracy: round(correct / test.length),
    roc_auc: round(rocAuc(scores, testY)),
    precision: round(precision),
    recall: round(recall),
    f1: round(precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)),
    log_loss: round(logLoss / test.length),
    train_rows: train.length,
    holdout_rows: test.length,
  };
  const lines = ["customer_id,label,prediction,score,plan"];
  preds.forEach((p, i) => {
    lines.push(`${testIds[i]},${testY[i]},${p},${round(scores[i] as number)},${testGroups[i]}`);
  });
  return { metrics, predictionsCsv: `${lines.join("\n")}\n` };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      data: { type: "string", default: "data/train.csv" },
      out: { type: "string", default: "out" },
      epochs: { type: "string", default: "300" },
      lr: { type: "string", default: "0.5" },
    },
  });
  const text = await readFile(values.data as string, "utf8");
  const { metrics, predictionsCsv } = trainAndEvaluate(
    parseChurnCsv(text),
    Number(values.epochs),
    Number(values.lr),
  );
  await mkdir(values.out as string, { recursive: true });
  await writeFile(
    join(values.out as string, "metrics.json"),
    `${JSON.stringify(metrics, null, 2)}\n`,
  );
  await writeFile(join(values.out as string, "predictions.csv"), predictionsCsv);
  process.stdout.write(`${JSON.stringify(metrics)}\n`);
  return 0;
}

if (import.meta.main) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`train: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(2);
    },
  );
}

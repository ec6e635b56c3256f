/** The demo's stages, in order; each runs real commands and checks it got the outcome it expects. */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { runCli } from "../cli.ts";
import type { CliIo } from "../io.ts";
import { runSimSteps } from "./on-sim.ts";

interface Stage {
  title: string;
  /** Runs the stage; returns the exit code it got and the one it expected. */
  run(ctx: StageContext): Promise<{ code: number; expected: number }>;
}

interface StageContext {
  io: CliIo;
  out: string;
  /** Run `mlops <argv>` in-process, echoing its output to the transcript. */
  mlops(argv: string[]): Promise<number>;
}

const stages: Stage[] = [
  {
    title: "1. Validate the example repo's .github/mlops.yml and the default policies",
    run: async ({ mlops }) => ({
      code: await mlops([
        "validate",
        "examples/churn/.github/mlops.yml",
        "policies/staging.yml",
        "policies/production.yml",
        "environments/staging.yaml",
        "environments/production.yaml",
      ]),
      expected: 0,
    }),
  },
  {
    title: "2. Generate 20,000 rows of churn data and check them against the repo's data policy",
    run: async ({ mlops, out }) => {
      const { generateChurnCsv } = await import("../../examples/churn/generate-data.ts");
      await writeFile(join(out, "train.csv"), generateChurnCsv({ rows: 20_000, seed: 7 }));
      const code = await mlops([
        "check-data",
        join(out, "train.csv"),
        "--policy",
        "examples/churn/.github/mlops.yml",
      ]);
      return { code, expected: 0 };
    },
  },
  {
    title: "3. Break the data (tenure over 120 months, a null churn label) and check again",
    run: async ({ mlops, out }) => {
      const { generateChurnCsv } = await import("../../examples/churn/generate-data.ts");
      const broken = generateChurnCsv({ rows: 20_000, seed: 7 })
        .split("\n")
        .map((line, i) => {
          if (i === 42) return line.replace(/^(\d+),\d+,/, "$1,130,");
          if (i === 1234) return line.replace(/,\d$/, ",");
          return line;
        })
        .join("\n");
      await writeFile(join(out, "train-broken.csv"), broken);
      const code = await mlops([
        "check-data",
        join(out, "train-broken.csv"),
        "--policy",
        "examples/churn/.github/mlops.yml",
      ]);
      return { code, expected: 1 };
    },
  },
  {
    title: "4. Train the example model and gate its metrics (accuracy ≥ 0.85, ROC AUC ≥ 0.88)",
    run: async ({ mlops, out }) => {
      const { readFile } = await import("node:fs/promises");
      const { parseChurnCsv, trainAndEvaluate } = await import("../../examples/churn/train.ts");
      const data = parseChurnCsv(await readFile(join(out, "train.csv"), "utf8"));
      const { metrics, predictionsCsv } = trainAndEvaluate(data, 300, 0.5);
      await writeFile(join(out, "metrics.json"), `${JSON.stringify(metrics, null, 2)}\n`);
      await writeFile(join(out, "predictions.csv"), predictionsCsv);
      const code = await mlops([
        "gate",
        "--metrics",
        join(out, "metrics.json"),
        "--policy",
        "examples/churn/.github/mlops.yml",
      ]);
      return { code, expected: 0 };
    },
  },
];

const notYet = [
  "promotion PRs against the environments repo and the mlops/policy check",
  "canary rollout with Prometheus analysis, automatic rollback by revert, /rollback",
];

/** Run every stage; returns the transcript and whether each stage got the exit code it expected. */
export async function runDemoStages(params: { io: CliIo; out: string }) {
  const { io, out } = params;
  const lines: string[] = ["# mlops demo", ""];
  const say = (text: string) => {
    io.stdout(`${text}\n`);
    lines.push(text);
  };
  const mlops = async (argv: string[]) => {
    say(`$ mlops ${argv.join(" ")}`);
    const printed: string[] = [];
    const capture = (text: string) => {
      printed.push(text);
    };
    const tee: CliIo = { ...io, stdout: capture, stderr: capture };
    const code = await runCli(argv, tee);
    io.stdout(printed.join(""));
    lines.push("```", printed.join("").trimEnd(), "```", `exit ${code}`, "");
    return code;
  };
  let ok = true;
  for (const stage of stages) {
    say(`\n## ${stage.title}`);
    const { code, expected } = await stage.run({ io, out, mlops });
    const verdict = code === expected ? "as expected" : `UNEXPECTED (expected exit ${expected})`;
    say(`→ exit ${code}, ${verdict}`);
    ok &&= code === expected;
  }
  say("\n## 5. The bot on the simulated GitHub");
  for (const step of await runSimSteps({ root: io.cwd, out })) {
    say(`\n### ${step.title}`);
    for (const line of step.lines) say(line);
    say(`→ ${step.ok ? "as expected" : "UNEXPECTED"}`);
    ok &&= step.ok;
  }
  say("\n## Not built yet");
  for (const item of notYet) say(`- ${item}`);
  return { ok, markdown: `${lines.join("\n")}\n` };
}

/**
 * The demo's part on the simulated GitHub: the sim and the bot in one process, the example repo and
 * an environments repo where version 1 serves production, and three pull requests a team would
 * open — fresh data, broken data, and an outside contributor's fork — each played for real.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { generateChurnCsv } from "../../examples/churn/generate-data.ts";
import { parseChurnCsv, trainAndEvaluate } from "../../examples/churn/train.ts";
import { createSim, type Sim } from "../../sim/index.ts";
import { readFolder, seedPlayground } from "../../sim/seed.ts";
import { attachBot, withTraining } from "../commands/sim-with-bot.ts";
import { environmentsRepoFiles } from "../environments-repo.ts";

const REPO = "acme/churn";

/** What one step printed and whether it came out as the demo expects. */
export interface SimStep {
  title: string;
  lines: string[];
  ok: boolean;
}

/** The environments repo: the templates, with version 1 (trained on older data) serving production. */
async function environmentsWithProduction(root: string, commit: string) {
  const v1 = trainAndEvaluate(parseChurnCsv(generateChurnCsv({ rows: 4000, seed: 1 })), 300, 0.5);
  const metrics = Object.entries(v1.metrics)
    .filter(([name]) => !name.endsWith("_rows"))
    .map(([name, value]) => `${name}: ${value}`)
    .join(", ");
  return environmentsRepoFiles(root, {
    "environments/production.yaml": [
      "environment: production",
      "models:",
      "  churn:",
      `    stable: { version: 1, commit: ${commit} }`,
      "    candidate: null",
      "    traffic: { stable: 100, candidate: 0 }",
      "    phase: idle",
      "",
    ].join("\n"),
    "registry/churn.yaml": [
      "model: churn",
      "versions:",
      "  - version: 1",
      '    created: "2026-11-01T09:00:00Z"',
      `    repository: ${REPO}`,
      `    commit: ${commit}`,
      `    metrics: { ${metrics} }`,
      "",
    ].join("\n"),
  });
}

function checkLines(sim: Sim, sha: string): string[] {
  return [...sim.state.checkRuns.values()]
    .filter((c) => c.repo === REPO && c.headSha === sha)
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((c) => {
      const lines = c.output.annotations.map(
        (a) => `      ${a.path}:${a.start_line} ${a.annotation_level}: ${a.message}`,
      );
      const verdict = c.conclusion ?? c.status;
      return [
        `  ${c.name.padEnd(13)} ${verdict.padEnd(9)} ${c.output.title}`,
        ...lines.slice(0, 5),
      ];
    });
}

function headSha(sim: Sim, number: number): string {
  for (const issue of sim.state.issues.values()) {
    if (issue.repo === REPO && issue.number === number && issue.pull) return issue.pull.head.sha;
  }
  throw new Error(`no pull request #${number}`);
}

function comments(sim: Sim, number: number) {
  return [...sim.state.comments.values()].filter(
    (c) => c.repo === REPO && c.issueNumber === number,
  );
}

function conclusion(sim: Sim, sha: string, name: string): string | null {
  for (const c of sim.state.checkRuns.values()) {
    if (c.repo === REPO && c.headSha === sha && c.name === name) return c.conclusion ?? c.status;
  }
  return null;
}

/** Play the pull requests; each step's comment is written to `out/pr-<n>-comment.md`. */
export async function runSimSteps(params: { root: string; out: string }): Promise<SimStep[]> {
  const sim = await createSim();
  const steps: SimStep[] = [];
  try {
    const { bot, train } = attachBot(sim, {
      log: {
        info: () => {},
        warn: () => {},
        error: (m: string) => void process.stderr.write(`${m}\n`),
      },
    });
    const mlRepo = withTraining(readFolder(join(params.root, "examples/churn")));
    const seeded = await seedPlayground(sim, {
      name: "churn",
      mlRepo,
      environments: environmentsRepoFiles(params.root),
    });
    train(REPO);
    const main = (await sim.script.listCommits({ repo: REPO, ref: "main" }))[0]?.sha ?? "";
    // Production serves version 1: rewrite the environments repo's state as a merged promotion would.
    const envFiles = await environmentsWithProduction(params.root, main);
    await sim.script.pushCommit({
      repo: "acme/ml-environments",
      branch: "main",
      files: {
        "environments/production.yaml": envFiles["environments/production.yaml"] ?? null,
        "registry/churn.yaml": envFiles["registry/churn.yaml"] ?? null,
      },
      message: "Promote churn v1 to production",
      author: "maintainer",
    });
    await bot.start();
    await sim.idle();

    const open = async (p: { branch: string; csv: string; user: string; fork?: boolean }) => {
      await sim.script.pushCommit({
        repo: p.fork ? `${p.user}/churn` : REPO,
        branch: p.branch,
        files: { "data/train.csv": p.csv },
        message: `Update the training data (${p.branch})`,
        author: p.user,
      });
      const number = await sim.script.openPullRequest({
        repo: REPO,
        head: p.fork ? `${p.user}:${p.branch}` : p.branch,
        title: `Update the training data (${p.branch})`,
        user: p.user,
      });
      await sim.idle();
      return number;
    };
    const saveComment = async (number: number) => {
      const body = comments(sim, number).find((c) => c.user === "mlops-bot[bot]")?.body ?? "";
      const file = join(params.out, `pr-${number}-comment.md`);
      await writeFile(file, body);
      return file;
    };

    // A. Fresh data from the maintainer.
    const a = await open({
      branch: "fresh-data",
      csv: generateChurnCsv({ rows: 5000, seed: 11 }),
      user: "maintainer",
    });
    const shaA = headSha(sim, a);
    steps.push({
      title: `PR #${a}: maintainer adds 5,000 rows of fresh data → data checks, training on the Actions stand-in, gates against production v1`,
      lines: [
        ...checkLines(sim, shaA),
        `  sticky comment: ${comments(sim, a).length} (written to ${await saveComment(a)})`,
      ],
      ok:
        conclusion(sim, shaA, "mlops/data") === "success" &&
        conclusion(sim, shaA, "mlops/gates") !== null &&
        comments(sim, a).length === 1,
    });

    // B. Broken data: tenure over 120 months and null churn labels.
    const broken = generateChurnCsv({
      rows: 5000,
      seed: 12,
      faults: { tenureOver120: 2, nulls: { column: "churn", count: 2 } },
    });
    const b = await open({ branch: "broken-data", csv: broken, user: "maintainer" });
    const shaB = headSha(sim, b);
    steps.push({
      title: `PR #${b}: broken data → mlops/data fails with annotations at the offending lines; nothing is trained`,
      lines: [...checkLines(sim, shaB), `  sticky comment written to ${await saveComment(b)}`],
      ok:
        conclusion(sim, shaB, "mlops/data") === "failure" &&
        conclusion(sim, shaB, "mlops/gates") !== "success",
    });

    // C. An outside contributor's fork: data checked, training waits for a maintainer.
    const c = await open({
      branch: "more-rows",
      csv: generateChurnCsv({ rows: 5000, seed: 13 }),
      user: "contributor",
      fork: true,
    });
    const shaC = headSha(sim, c);
    const waiting = checkLines(sim, shaC);
    const waited = conclusion(sim, shaC, "mlops/gates") === "queued";
    sim.script.comment({ repo: REPO, number: c, user: "contributor", body: "/retrain" });
    await sim.idle();
    const stillWaiting = conclusion(sim, shaC, "mlops/gates") === "queued";
    sim.script.comment({ repo: REPO, number: c, user: "maintainer", body: "/retrain" });
    await sim.idle();
    steps.push({
      title: `PR #${c}: a fork → data checked, training waits; /retrain by the contributor is refused, by the maintainer it runs`,
      lines: [
        "  before approval:",
        ...waiting.map((l) => `  ${l}`),
        "  after the maintainer's /retrain:",
        ...checkLines(sim, shaC).map((l) => `  ${l}`),
        ...comments(sim, c)
          .filter((x) => x.user === "mlops-bot[bot]" && !x.body.includes("mlops-bot:report"))
          .map(
            (x) =>
              `  reply: ${
                x.body
                  .replace(/<!--.*?-->/g, "")
                  .trim()
                  .split("\n")[0]
              }`,
          ),
        `  sticky comment written to ${await saveComment(c)}`,
      ],
      ok: waited && stillWaiting && conclusion(sim, shaC, "mlops/gates") !== "queued",
    });
    await bot.stop();
    void seeded;
  } finally {
    await sim.close();
  }
  return steps;
}

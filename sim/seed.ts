/** Seed a sim for the playground and the demo: org acme, an ML repo from a folder, an environments repo, a maintainer and an outside contributor with a fork. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, relative } from "node:path";
import type { Sim } from "./index.ts";

export interface SeedResult {
  tokens: Record<string, string>;
  repositories: string[];
  installationId: number;
}

const SKIP = new Set([".git", "node_modules", "demo-out", ".tmp"]);

/** Every file under `dir` as path → bytes (skipping .git and node_modules); null when `dir` does not exist. */
export function readFolder(dir: string): Record<string, Uint8Array> | null {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    return null;
  }
  if (!isDir) return null;
  const files: Record<string, Uint8Array> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (SKIP.has(name)) continue;
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files[relative(dir, p).split("\\").join("/")] = new Uint8Array(readFileSync(p));
    }
  };
  walk(dir);
  return files;
}

/** Seed `sim`: `mlRepo` files (or a README when null) become acme/<name>; `environments` files become acme/ml-environments. */
export async function seedPlayground(
  sim: Sim,
  p: {
    name: string;
    mlRepo: Record<string, Uint8Array> | null;
    environments: Record<string, Uint8Array> | null;
  },
): Promise<SeedResult> {
  const s = sim.script;
  const maintainer = s.createUser("maintainer", { name: "Mae Maintainer" });
  const contributor = s.createUser("contributor", { name: "Cory Contributor" });
  s.createOrg("acme", { maintainer: "admin" });
  s.createTeam({ org: "acme", slug: "ml-platform", members: { maintainer: "maintainer" } });
  const ml = await s.createRepo({
    owner: "acme",
    name: p.name,
    files: p.mlRepo ?? { "README.md": `# ${p.name}\n` },
    author: "maintainer",
  });
  const envs = await s.createRepo({
    owner: "acme",
    name: "ml-environments",
    files: p.environments ?? { "README.md": "# ml-environments\n" },
    author: "maintainer",
  });
  const fork = await s.fork({ repo: ml.fullName, owner: "contributor" });
  const inst = s.install({ account: "acme" });
  await sim.idle();
  return {
    tokens: {
      installation: s.installationToken(inst.id),
      maintainer: maintainer.token,
      contributor: contributor.token,
    },
    repositories: [ml.fullName, envs.fullName, fork.fullName],
    installationId: inst.id,
  };
}

/** The repository name a seed folder gives ("examples/churn" → "churn"). */
export function seedName(folder: string): string {
  return basename(folder.replace(/[\\/]+$/, "")) || "ml-repo";
}

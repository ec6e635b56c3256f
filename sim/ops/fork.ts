/** Forks: a new bare repository borrowing the parent's objects (git alternates), with the parent's branches. */
import { newId, type SimCore } from "../core.ts";
import { GitRepo } from "../git/git-repo.ts";
import { HttpError } from "../http-error.ts";
import type { Repo } from "../state.ts";

/** Create a fork of `parent` owned by `owner`: a new bare repository borrowing the parent's objects, with its branches. */
export async function createFork(
  core: SimCore,
  parent: Repo,
  owner: string,
  name = parent.name,
): Promise<Repo> {
  const fullName = `${owner}/${name}`;
  if (core.state.repos.has(fullName.toLowerCase()))
    throw new HttpError(422, `Repository ${fullName} already exists`);
  const now = core.clock.now();
  const git = await GitRepo.fork(
    parent.git,
    `${core.dataDir}/${owner}/${name}.git`,
    parent.defaultBranch,
  );
  const repo: Repo = {
    id: newId(core),
    owner,
    name,
    fullName,
    private: parent.private,
    description: parent.description,
    defaultBranch: parent.defaultBranch,
    parent: parent.fullName,
    git,
    collaborators: new Map(),
    createdAt: now,
    updatedAt: now,
    pushedAt: now,
    labels: new Map(),
  };
  core.state.repos.set(fullName.toLowerCase(), repo);
  return repo;
}

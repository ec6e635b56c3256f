/** The fields every repository webhook carries: repository, sender, organization, installation. */
import type { SimCore } from "../core.ts";
import { fullRepo, nodeId, simpleUser } from "../shapes/accounts.ts";
import type { Installation, Repo } from "../state.ts";

/** The installation of any app covering `repo`, if one does. */
export function installationFor(core: SimCore, repo: Repo) {
  for (const inst of core.state.installations.values()) {
    if (inst.account !== repo.owner) continue;
    if (inst.repositorySelection === "all" || inst.repositories.has(repo.fullName.toLowerCase()))
      return inst;
  }
  return undefined;
}

/** The repositories `inst` covers, oldest first (what GET /installation/repositories lists). */
export function installationRepos(core: SimCore, inst: Installation): Repo[] {
  return [...core.state.repos.values()]
    .filter(
      (r) =>
        r.owner === inst.account &&
        (inst.repositorySelection === "all" || inst.repositories.has(r.fullName.toLowerCase())),
    )
    .sort((a, b) => a.id - b.id);
}

/** `{repository, sender, organization?, installation?}` for an event on `repo` caused by `sender`. */
export function hookBase(core: SimCore, repo: Repo, sender: string): Record<string, unknown> {
  const base: Record<string, unknown> = {
    repository: fullRepo(core, repo),
    sender: simpleUser(core, sender),
  };
  const owner = core.state.accounts.get(repo.owner);
  if (owner?.type === "Organization") {
    const url = `${core.api}/orgs/${owner.login}`;
    base.organization = {
      login: owner.login,
      id: owner.id,
      node_id: nodeId("O", owner.id),
      url,
      repos_url: `${url}/repos`,
      events_url: `${url}/events`,
      hooks_url: `${url}/hooks`,
      issues_url: `${url}/issues`,
      members_url: `${url}/members{/member}`,
      public_members_url: `${url}/public_members{/member}`,
      avatar_url: `${core.api}/avatars/${owner.login}`,
      description: null,
    };
  }
  const inst = installationFor(core, repo);
  if (inst) base.installation = { id: inst.id, node_id: nodeId("MDIz", inst.id) };
  return base;
}

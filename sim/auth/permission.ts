/** A user's effective permission on a repository: ownership, org role, collaborator grant, teams, visibility. */
import { atLeast, type Permission, type Repo, type SimState } from "../state.ts";

function max(a: Permission, b: Permission): Permission {
  return atLeast(a, b) ? a : b;
}

/** The strongest permission `login` holds on `repo` ("none" when it cannot even read it). */
export function permissionOf(state: SimState, login: string | null, repo: Repo): Permission {
  let level: Permission = repo.private ? "none" : "read";
  if (login === null) return level;
  if (repo.owner === login) return "admin";
  const owner = state.accounts.get(repo.owner);
  const role = owner?.members?.get(login);
  if (role === "admin") return "admin";
  if (role === "member") level = max(level, "read");
  level = max(level, repo.collaborators.get(login) ?? "none");
  for (const team of state.teams.values()) {
    if (team.org !== repo.owner || !team.members.has(login)) continue;
    level = max(level, team.repos.get(repo.fullName) ?? "none");
  }
  return level;
}

/** GitHub's `permission` field of the collaborator-permission endpoint folds triage/maintain into read/write. */
export function legacyPermission(level: Permission): "admin" | "write" | "read" | "none" {
  if (level === "admin") return "admin";
  if (level === "maintain" || level === "write") return "write";
  if (level === "triage" || level === "read") return "read";
  return "none";
}

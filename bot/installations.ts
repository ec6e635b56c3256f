/**
 * What the app is installed on, read through the app's own octokit (no database, no prior event):
 * every installation, then every repository each one covers. The scheduler and the run watchers
 * start from this list at startup and refresh it periodically.
 */
import type { Probot } from "probot";

/** One repository the app is installed on. */
export interface InstalledRepo {
  installationId: number;
  /** `owner/name`. */
  fullName: string;
}

/** Every repository of every (not suspended) installation of the app, in the order GitHub lists them. */
export async function listInstalledRepos(probot: Probot): Promise<InstalledRepo[]> {
  const app = await probot.auth();
  const installations = await app.paginate(app.rest.apps.listInstallations, { per_page: 100 });
  const repos: InstalledRepo[] = [];
  for (const installation of installations) {
    if (installation.suspended_at) continue;
    const octokit = await probot.auth(installation.id);
    const list = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, {
      per_page: 100,
    });
    for (const repo of list)
      repos.push({ installationId: installation.id, fullName: repo.full_name });
  }
  return repos;
}

/** Users, apps, installations and repositories as GitHub's REST API and webhooks render them. */
import { isoSeconds } from "../clock.ts";
import type { App, Installation, Repo, SimState } from "../state.ts";

/** Where links in payloads point: the API base URL (no trailing slash). */
export interface ShapeContext {
  state: SimState;
  api: string;
}

/** A stable opaque node id, like GitHub's global relay ids. */
export function nodeId(kind: string, id: number): string {
  return btoa(`0${kind}${id}`).replace(/=+$/, "");
}

/** A `simple-user` for `login` (an unknown login renders as a ghost user). */
export function simpleUser(ctx: ShapeContext, login: string) {
  const acc = ctx.state.accounts.get(login);
  const id = acc?.id ?? 10137;
  const path = encodeURIComponent(login);
  const u = `${ctx.api}/users/${path}`;
  return {
    login,
    id,
    node_id: nodeId("U", id),
    avatar_url: `${ctx.api}/avatars/${path}`,
    gravatar_id: "",
    url: u,
    html_url: `${ctx.api}/${path}`,
    followers_url: `${u}/followers`,
    following_url: `${u}/following{/other_user}`,
    gists_url: `${u}/gists{/gist_id}`,
    starred_url: `${u}/starred{/owner}{/repo}`,
    subscriptions_url: `${u}/subscriptions`,
    organizations_url: `${u}/orgs`,
    repos_url: `${u}/repos`,
    events_url: `${u}/events{/privacy}`,
    received_events_url: `${u}/received_events`,
    type: acc?.type ?? "User",
    user_view_type: "public",
    site_admin: false,
  };
}

/** The `/user` rendering of an account (private-user without plan details). */
export function privateUser(ctx: ShapeContext, login: string) {
  const acc = ctx.state.accounts.get(login);
  const now = isoSeconds(new Date(0));
  return {
    ...simpleUser(ctx, login),
    name: acc?.name ?? login,
    company: null,
    blog: "",
    location: null,
    email: acc?.email ?? null,
    hireable: null,
    bio: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: now,
    updated_at: now,
    private_gists: 0,
    total_private_repos: 0,
    owned_private_repos: 0,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: false,
  };
}

const REPO_URLS: [string, string][] = [
  ["archive_url", "/{archive_format}{/ref}"],
  ["assignees_url", "/assignees{/user}"],
  ["blobs_url", "/git/blobs{/sha}"],
  ["branches_url", "/branches{/branch}"],
  ["collaborators_url", "/collaborators{/collaborator}"],
  ["comments_url", "/comments{/number}"],
  ["commits_url", "/commits{/sha}"],
  ["compare_url", "/compare/{base}...{head}"],
  ["contents_url", "/contents/{+path}"],
  ["contributors_url", "/contributors"],
  ["deployments_url", "/deployments"],
  ["downloads_url", "/downloads"],
  ["events_url", "/events"],
  ["forks_url", "/forks"],
  ["git_commits_url", "/git/commits{/sha}"],
  ["git_refs_url", "/git/refs{/sha}"],
  ["git_tags_url", "/git/tags{/sha}"],
  ["hooks_url", "/hooks"],
  ["issue_comment_url", "/issues/comments{/number}"],
  ["issue_events_url", "/issues/events{/number}"],
  ["issues_url", "/issues{/number}"],
  ["keys_url", "/keys{/key_id}"],
  ["labels_url", "/labels{/name}"],
  ["languages_url", "/languages"],
  ["merges_url", "/merges"],
  ["milestones_url", "/milestones{/number}"],
  ["notifications_url", "/notifications{?since,all,participating}"],
  ["pulls_url", "/pulls{/number}"],
  ["releases_url", "/releases{/id}"],
  ["stargazers_url", "/stargazers"],
  ["statuses_url", "/statuses/{sha}"],
  ["subscribers_url", "/subscribers"],
  ["subscription_url", "/subscription"],
  ["tags_url", "/tags"],
  ["teams_url", "/teams"],
  ["trees_url", "/git/trees{/sha}"],
];

/** The fields every repository rendering shares (`minimal-repository`'s required set). */
export function minimalRepo(ctx: ShapeContext, repo: Repo) {
  const url = `${ctx.api}/repos/${repo.fullName}`;
  const urls = Object.fromEntries(REPO_URLS.map(([k, suffix]) => [k, `${url}${suffix}`]));
  return {
    id: repo.id,
    node_id: nodeId("R", repo.id),
    name: repo.name,
    full_name: repo.fullName,
    private: repo.private,
    owner: simpleUser(ctx, repo.owner),
    html_url: `${ctx.api}/${repo.fullName}`,
    description: repo.description,
    fork: repo.parent !== undefined,
    url,
    ...urls,
  };
}

/** A `repository` / `full-repository` rendering (repos.get, pull heads, webhook payloads). */
export function fullRepo(ctx: ShapeContext, repo: Repo, opts: { parent?: boolean } = {}) {
  const openIssues = [...ctx.state.issues.values()].filter(
    (i) => i.repo === repo.fullName && i.state === "open",
  ).length;
  const forks = [...ctx.state.repos.values()].filter((r) => r.parent === repo.fullName).length;
  const base: Record<string, unknown> = {
    ...minimalRepo(ctx, repo),
    clone_url: `${ctx.api}/${repo.fullName}.git`,
    git_url: `git://sim.local/${repo.fullName}.git`,
    ssh_url: `git@sim.local:${repo.fullName}.git`,
    svn_url: `${ctx.api}/${repo.fullName}`,
    mirror_url: null,
    homepage: null,
    language: null,
    forks_count: forks,
    forks,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 0,
    default_branch: repo.defaultBranch,
    open_issues_count: openIssues,
    open_issues: openIssues,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: repo.private ? "private" : "public",
    pushed_at: isoSeconds(repo.pushedAt),
    created_at: isoSeconds(repo.createdAt),
    updated_at: isoSeconds(repo.updatedAt),
    allow_forking: true,
    web_commit_signoff_required: false,
    license: null,
    network_count: forks,
    subscribers_count: 0,
  };
  if (opts.parent && repo.parent) {
    const parent = ctx.state.repos.get(repo.parent);
    if (parent) {
      base.parent = fullRepo(ctx, parent);
      base.source = base.parent;
    }
  }
  return base;
}

/** An `integration` (the app as GitHub renders it). */
export function integration(ctx: ShapeContext, app: App) {
  return {
    id: app.id,
    slug: app.slug,
    node_id: nodeId("A", app.id),
    client_id: `Iv1.sim${app.id}`,
    owner: simpleUser(ctx, app.owner),
    name: app.name,
    description: null,
    external_url: `${ctx.api}/apps/${app.slug}`,
    html_url: `${ctx.api}/apps/${app.slug}`,
    created_at: isoSeconds(app.createdAt),
    updated_at: isoSeconds(app.createdAt),
    permissions: {
      checks: "write",
      contents: "write",
      issues: "write",
      metadata: "read",
      pull_requests: "write",
      actions: "write",
    },
    events: [
      "check_run",
      "issue_comment",
      "pull_request",
      "pull_request_review",
      "push",
      "repository_dispatch",
      "workflow_run",
    ],
  };
}

/** An `installation`. */
export function installation(ctx: ShapeContext, inst: Installation) {
  const app = ctx.state.apps.get(inst.appId)!;
  const account = ctx.state.accounts.get(inst.account);
  return {
    id: inst.id,
    account: simpleUser(ctx, inst.account),
    repository_selection: inst.repositorySelection,
    access_tokens_url: `${ctx.api}/app/installations/${inst.id}/access_tokens`,
    repositories_url: `${ctx.api}/installation/repositories`,
    html_url: `${ctx.api}/settings/installations/${inst.id}`,
    app_id: inst.appId,
    app_slug: app.slug,
    client_id: `Iv1.sim${app.id}`,
    target_id: account?.id ?? 0,
    target_type: account?.type === "Organization" ? "Organization" : "User",
    permissions: inst.permissions,
    events: inst.events,
    created_at: isoSeconds(inst.createdAt),
    updated_at: isoSeconds(inst.createdAt),
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: null,
    suspended_at: null,
  };
}

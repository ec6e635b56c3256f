import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { operations } from "../../sim/openapi/spec.ts";
import { type Fixture, octokit, seeded } from "./fixture.ts";

let f: Fixture;
const ids: Record<string, number | string> = {};
const R = { owner: "acme", repo: "churn" } as const;

beforeAll(async () => {
  f = await seeded();
  f.sim.actions.register({
    repo: "acme/churn",
    workflow: "train.yml",
    executor: async () => ({
      conclusion: "success",
      artifacts: { metrics: { "metrics.json": '{"auc":0.9}' } },
    }),
  });
});
afterAll(() => f.sim.close());

type Case = [
  name: string,
  call: () => Promise<{ status: number; data?: unknown }>,
  status: number,
  check?: (data: never) => void,
];

// Every served operation through the real @octokit/rest, in an order where each builds on the last.
const cases: Case[] = [
  [
    "apps.getAuthenticated",
    async () => octokit(f.sim, await f.sim.appJwt()).rest.apps.getAuthenticated(),
    200,
    (d: { slug: string }) => expect(d.slug).toBe("mlops-bot"),
  ],
  [
    "apps.getInstallation",
    async () =>
      octokit(f.sim, await f.sim.appJwt()).rest.apps.getInstallation({
        installation_id: f.installationId,
      }),
    200,
  ],
  [
    "apps.getRepoInstallation",
    async () => octokit(f.sim, await f.sim.appJwt()).rest.apps.getRepoInstallation(R),
    200,
    (d: { id: number }) => expect(d.id).toBe(f.installationId),
  ],
  [
    "apps.createInstallationAccessToken",
    async () =>
      octokit(f.sim, await f.sim.appJwt()).rest.apps.createInstallationAccessToken({
        installation_id: f.installationId,
      }),
    201,
    (d: { token: string }) => expect(d.token).toStartWith("ghs_"),
  ],
  [
    "apps.listInstallations",
    async () => octokit(f.sim, await f.sim.appJwt()).rest.apps.listInstallations(),
    200,
    (d: { id: number; account: { login: string } }[]) =>
      expect(d.map((i) => [i.id, i.account.login])).toEqual([[f.installationId, "acme"]]),
  ],
  [
    "apps.listReposAccessibleToInstallation",
    () => f.bot.rest.apps.listReposAccessibleToInstallation(),
    200,
    // The fork contributor/churn belongs to another account: not covered by acme's installation.
    (d: { total_count: number; repositories: { full_name: string }[] }) =>
      expect([d.total_count, d.repositories.map((r) => r.full_name)]).toEqual([
        2,
        ["acme/churn", "acme/private-repo"],
      ]),
  ],
  [
    "users.getAuthenticated",
    () => f.maintainer.rest.users.getAuthenticated(),
    200,
    (d: { login: string }) => expect(d.login).toBe("maintainer"),
  ],
  [
    "repos.get",
    () => f.bot.rest.repos.get(R),
    200,
    (d: { default_branch: string; fork: boolean }) =>
      expect([d.default_branch, d.fork]).toEqual(["main", false]),
  ],
  [
    "repos.get (fork)",
    () => f.contributor.rest.repos.get({ owner: "contributor", repo: "churn" }),
    200,
    (d: { fork: boolean; parent: { full_name: string } }) =>
      expect([d.fork, d.parent.full_name]).toEqual([true, "acme/churn"]),
  ],
  [
    "repos.getContent (file, %2F path)",
    () => f.bot.rest.repos.getContent({ ...R, path: "config/a.yaml" }),
    200,
    (d: { content: string; path: string }) =>
      expect([atob(d.content.replace(/\n/g, "")), d.path]).toEqual(["a: 1\n", "config/a.yaml"]),
  ],
  [
    "repos.getContent (dir)",
    () => f.bot.rest.repos.getContent({ ...R, path: "config" }),
    200,
    (d: { name: string }[]) => expect(d.map((e) => e.name)).toEqual(["a.yaml"]),
  ],
  [
    "repos.createOrUpdateFileContents (create on a new branch)",
    async () => {
      const main = await f.bot.rest.git.getRef({ ...R, ref: "heads/main" });
      await f.bot.rest.git.createRef({
        ...R,
        ref: "refs/heads/feature/x",
        sha: main.data.object.sha,
      });
      return f.bot.rest.repos.createOrUpdateFileContents({
        ...R,
        path: "config/b.yaml",
        message: "add b",
        content: btoa("b: 1\n"),
        branch: "feature/x",
      });
    },
    201,
    (d: { content: { path: string } }) => expect(d.content.path).toBe("config/b.yaml"),
  ],
  [
    "repos.createOrUpdateFileContents (update with sha)",
    async () => {
      const cur = await f.bot.rest.repos.getContent({
        ...R,
        path: "config/b.yaml",
        ref: "feature/x",
      });
      return f.bot.rest.repos.createOrUpdateFileContents({
        ...R,
        path: "config/b.yaml",
        message: "b 2",
        content: btoa("b: 2\n"),
        sha: (cur.data as { sha: string }).sha,
        branch: "feature/x",
      });
    },
    200,
  ],
  [
    "git.getRef (heads%2Ffeature%2Fx)",
    () => f.bot.rest.git.getRef({ ...R, ref: "heads/feature/x" }),
    200,
    (d: { ref: string }) => expect(d.ref).toBe("refs/heads/feature/x"),
  ],
  [
    "git.listMatchingRefs",
    () => f.bot.rest.git.listMatchingRefs({ ...R, ref: "heads/feature" }),
    200,
    (d: { ref: string }[]) => expect(d.map((r) => r.ref)).toEqual(["refs/heads/feature/x"]),
  ],
  [
    "repos.getBranch (slash in name)",
    () => f.bot.rest.repos.getBranch({ ...R, branch: "feature/x" }),
    200,
    (d: { name: string; commit: { commit: { message: string } } }) =>
      expect([d.name, d.commit.commit.message]).toEqual(["feature/x", "b 2"]),
  ],
  [
    "git.createBlob",
    () => f.bot.rest.git.createBlob({ ...R, content: "hello\n", encoding: "utf-8" }),
    201,
    (d: { sha: string }) => {
      ids.blob = d.sha;
    },
  ],
  [
    "git.getBlob",
    () => f.bot.rest.git.getBlob({ ...R, file_sha: String(ids.blob) }),
    200,
    (d: { content: string; size: number }) =>
      expect([atob(d.content.trim()), d.size]).toEqual(["hello\n", 6]),
  ],
  [
    "git.createTree",
    async () => {
      const main = await f.bot.rest.git.getCommit({
        ...R,
        commit_sha: (await f.bot.rest.git.getRef({ ...R, ref: "heads/main" })).data.object.sha,
      });
      ids.parent = main.data.sha;
      return f.bot.rest.git.createTree({
        ...R,
        base_tree: main.data.tree.sha,
        tree: [{ path: "docs/hello.txt", mode: "100644", type: "blob", sha: String(ids.blob) }],
      });
    },
    201,
    (d: { sha: string; tree: { path: string }[] }) => {
      ids.tree = d.sha;
      expect(d.tree.map((e) => e.path)).toEqual(["README.md", "config", "data", "docs"]);
    },
  ],
  [
    "git.getTree (recursive)",
    () => f.bot.rest.git.getTree({ ...R, tree_sha: String(ids.tree), recursive: "1" }),
    200,
    (d: { tree: { path: string }[] }) =>
      expect(d.tree.map((e) => e.path)).toEqual([
        "README.md",
        "config",
        "config/a.yaml",
        "data",
        "data/train.csv",
        "docs",
        "docs/hello.txt",
      ]),
  ],
  [
    "git.createCommit",
    () =>
      f.bot.rest.git.createCommit({
        ...R,
        message: "add docs",
        tree: String(ids.tree),
        parents: [String(ids.parent)],
      }),
    201,
    (d: { sha: string; parents: { sha: string }[] }) => {
      ids.commit = d.sha;
      expect(d.parents.map((p) => p.sha)).toEqual([String(ids.parent)]);
    },
  ],
  [
    "git.getCommit",
    () => f.bot.rest.git.getCommit({ ...R, commit_sha: String(ids.commit) }),
    200,
    (d: { message: string }) => expect(d.message).toBe("add docs"),
  ],
  [
    "git.createRef",
    () => f.bot.rest.git.createRef({ ...R, ref: "refs/heads/docs", sha: String(ids.commit) }),
    201,
  ],
  [
    "git.updateRef",
    () =>
      f.bot.rest.git.updateRef({ ...R, ref: "heads/docs", sha: String(ids.commit), force: false }),
    200,
  ],
  [
    "repos.listCommits",
    () => f.bot.rest.repos.listCommits({ ...R, sha: "docs" }),
    200,
    (d: { commit: { message: string } }[]) =>
      expect(d.map((c) => c.commit.message)).toEqual(["add docs", "Initial commit"]),
  ],
  [
    "repos.getCommit",
    () => f.bot.rest.repos.getCommit({ ...R, ref: String(ids.commit) }),
    200,
    (d: { files: { filename: string; status: string }[] }) =>
      expect(d.files.map((x) => [x.filename, x.status])).toEqual([["docs/hello.txt", "added"]]),
  ],
  [
    "repos.compareCommitsWithBasehead",
    () => f.bot.rest.repos.compareCommitsWithBasehead({ ...R, basehead: "main...feature/x" }),
    200,
    (d: { status: string; ahead_by: number; files: { filename: string }[] }) =>
      expect([d.status, d.ahead_by, d.files.map((x) => x.filename)]).toEqual([
        "ahead",
        2,
        ["config/b.yaml"],
      ]),
  ],
  [
    "repos.getCollaboratorPermissionLevel",
    () => f.bot.rest.repos.getCollaboratorPermissionLevel({ ...R, username: "maintainer" }),
    200,
    (d: { permission: string }) => expect(d.permission).toBe("admin"),
  ],
  [
    "teams.getMembershipForUserInOrg",
    async () => {
      f.sim.script.createTeam({
        org: "acme",
        slug: "ml",
        members: { maintainer: "maintainer" },
        repos: { "acme/churn": "write" },
      });
      return f.bot.rest.teams.getMembershipForUserInOrg({
        org: "acme",
        team_slug: "ml",
        username: "maintainer",
      });
    },
    200,
    (d: { role: string; state: string }) =>
      expect([d.role, d.state]).toEqual(["maintainer", "active"]),
  ],
  [
    "repos.createFork",
    () => f.outsider.rest.repos.createFork(R),
    202,
    (d: { full_name: string; fork: boolean }) =>
      expect([d.full_name, d.fork]).toEqual(["outsider/churn", true]),
  ],
  [
    "pulls.create",
    () => f.bot.rest.pulls.create({ ...R, head: "feature/x", base: "main", title: "Add b" }),
    201,
    (d: { number: number; mergeable: boolean; changed_files: number }) => {
      ids.pull = d.number;
      expect([d.mergeable, d.changed_files]).toEqual([true, 1]);
    },
  ],
  [
    "pulls.get",
    () => f.bot.rest.pulls.get({ ...R, pull_number: Number(ids.pull) }),
    200,
    (d: { head: { ref: string }; mergeable_state: string }) =>
      expect([d.head.ref, d.mergeable_state]).toEqual(["feature/x", "clean"]),
  ],
  [
    "pulls.list",
    () => f.bot.rest.pulls.list({ ...R, head: "acme:feature/x" }),
    200,
    (d: { number: number }[]) => expect(d.map((p) => p.number)).toEqual([Number(ids.pull)]),
  ],
  [
    "pulls.update",
    () => f.bot.rest.pulls.update({ ...R, pull_number: Number(ids.pull), body: "Adds b.yaml" }),
    200,
    (d: { body: string }) => expect(d.body).toBe("Adds b.yaml"),
  ],
  [
    "pulls.listFiles",
    () => f.bot.rest.pulls.listFiles({ ...R, pull_number: Number(ids.pull) }),
    200,
    (d: { filename: string; additions: number }[]) =>
      expect(d.map((x) => [x.filename, x.additions])).toEqual([["config/b.yaml", 1]]),
  ],
  [
    "pulls.listCommits",
    () => f.bot.rest.pulls.listCommits({ ...R, pull_number: Number(ids.pull) }),
    200,
    (d: { commit: { message: string } }[]) =>
      expect(d.map((c) => c.commit.message)).toEqual(["add b", "b 2"]),
  ],
  [
    "pulls.requestReviewers",
    () =>
      f.bot.rest.pulls.requestReviewers({
        ...R,
        pull_number: Number(ids.pull),
        reviewers: ["maintainer"],
        team_reviewers: ["ml"],
      }),
    201,
  ],
  [
    "pulls.listRequestedReviewers",
    () => f.bot.rest.pulls.listRequestedReviewers({ ...R, pull_number: Number(ids.pull) }),
    200,
    (d: { users: { login: string }[]; teams: { slug: string }[] }) =>
      expect([d.users.map((u) => u.login), d.teams.map((t) => t.slug)]).toEqual([
        ["maintainer"],
        ["ml"],
      ]),
  ],
  [
    "pulls.createReview",
    () =>
      f.maintainer.rest.pulls.createReview({
        ...R,
        pull_number: Number(ids.pull),
        event: "APPROVE",
      }),
    200,
    (d: { state: string }) => expect(d.state).toBe("APPROVED"),
  ],
  [
    "pulls.listReviews",
    () => f.bot.rest.pulls.listReviews({ ...R, pull_number: Number(ids.pull) }),
    200,
    (d: { user: { login: string } }[]) =>
      expect(d.map((r) => r.user.login)).toEqual(["maintainer"]),
  ],
  [
    "checks.create",
    async () =>
      f.bot.rest.checks.create({
        ...R,
        name: "mlops/data",
        head_sha: (await f.bot.rest.pulls.get({ ...R, pull_number: Number(ids.pull) })).data.head
          .sha,
        status: "in_progress",
      }),
    201,
    (d: { id: number; pull_requests: unknown[] }) => {
      ids.check = d.id;
      expect(d.pull_requests.length).toBe(1);
    },
  ],
  [
    "checks.update",
    () =>
      f.bot.rest.checks.update({
        ...R,
        check_run_id: Number(ids.check),
        conclusion: "success",
        output: {
          title: "ok",
          summary: "all good",
          annotations: [
            {
              path: "data/train.csv",
              start_line: 2,
              end_line: 2,
              annotation_level: "warning",
              message: "m",
            },
          ],
        },
      }),
    200,
    (d: { status: string; output: { annotations_count: number } }) =>
      expect([d.status, d.output.annotations_count]).toEqual(["completed", 1]),
  ],
  ["checks.get", () => f.bot.rest.checks.get({ ...R, check_run_id: Number(ids.check) }), 200],
  [
    "checks.listForRef",
    () => f.bot.rest.checks.listForRef({ ...R, ref: "feature/x" }),
    200,
    (d: { total_count: number; check_runs: { name: string }[] }) =>
      expect([d.total_count, d.check_runs.map((c) => c.name)]).toEqual([1, ["mlops/data"]]),
  ],
  [
    "issues.createComment",
    () =>
      f.bot.rest.issues.createComment({
        ...R,
        issue_number: Number(ids.pull),
        body: "<!-- mlops -->\nhello",
      }),
    201,
    (d: { id: number; performed_via_github_app: { slug: string } }) => {
      ids.comment = d.id;
      expect(d.performed_via_github_app.slug).toBe("mlops-bot");
    },
  ],
  [
    "issues.updateComment",
    () =>
      f.bot.rest.issues.updateComment({
        ...R,
        comment_id: Number(ids.comment),
        body: "<!-- mlops -->\nedited",
      }),
    200,
  ],
  [
    "issues.getComment",
    () => f.bot.rest.issues.getComment({ ...R, comment_id: Number(ids.comment) }),
    200,
    (d: { body: string }) => expect(d.body).toBe("<!-- mlops -->\nedited"),
  ],
  [
    "issues.listComments",
    () => f.bot.rest.issues.listComments({ ...R, issue_number: Number(ids.pull) }),
    200,
    (d: unknown[]) => expect(d.length).toBe(1),
  ],
  [
    "reactions.createForIssueComment",
    () =>
      f.bot.rest.reactions.createForIssueComment({
        ...R,
        comment_id: Number(ids.comment),
        content: "eyes",
      }),
    201,
  ],
  [
    "reactions.createForIssueComment (again: 200)",
    () =>
      f.bot.rest.reactions.createForIssueComment({
        ...R,
        comment_id: Number(ids.comment),
        content: "eyes",
      }),
    200,
  ],
  [
    "reactions.createForIssue",
    () =>
      f.bot.rest.reactions.createForIssue({
        ...R,
        issue_number: Number(ids.pull),
        content: "rocket",
      }),
    201,
  ],
  [
    "issues.addLabels",
    () =>
      f.bot.rest.issues.addLabels({
        ...R,
        issue_number: Number(ids.pull),
        labels: ["mlops/promotion", "data"],
      }),
    200,
    (d: { name: string }[]) => expect(d.map((l) => l.name)).toEqual(["mlops/promotion", "data"]),
  ],
  [
    "issues.removeLabel (slash in name)",
    () =>
      f.bot.rest.issues.removeLabel({
        ...R,
        issue_number: Number(ids.pull),
        name: "mlops/promotion",
      }),
    200,
    (d: { name: string }[]) => expect(d.map((l) => l.name)).toEqual(["data"]),
  ],
  [
    "issues.listLabelsOnIssue",
    () => f.bot.rest.issues.listLabelsOnIssue({ ...R, issue_number: Number(ids.pull) }),
    200,
    (d: { name: string }[]) => expect(d.map((l) => l.name)).toEqual(["data"]),
  ],
  [
    "issues.create",
    () => f.contributor.rest.issues.create({ ...R, title: "Drift in train.csv", labels: ["data"] }),
    201,
    (d: { number: number; labels: { name: string }[] }) => {
      ids.issue = d.number;
      expect(d.labels.map((l) => l.name)).toEqual(["data"]);
    },
  ],
  [
    "issues.get",
    () => f.bot.rest.issues.get({ ...R, issue_number: Number(ids.issue) }),
    200,
    (d: { title: string; user: { login: string } }) =>
      expect([d.title, d.user.login]).toEqual(["Drift in train.csv", "contributor"]),
  ],
  [
    "issues.deleteComment",
    async () => {
      const c = await f.contributor.rest.issues.createComment({
        ...R,
        issue_number: Number(ids.issue),
        body: "oops",
      });
      return f.contributor.rest.issues.deleteComment({ ...R, comment_id: c.data.id });
    },
    204,
  ],
  [
    "pulls.merge",
    () => f.bot.rest.pulls.merge({ ...R, pull_number: Number(ids.pull), merge_method: "squash" }),
    200,
    (d: { merged: boolean }) => expect(d.merged).toBe(true),
  ],
  ["git.deleteRef", () => f.bot.rest.git.deleteRef({ ...R, ref: "heads/docs" }), 204],
  [
    "repos.createDispatchEvent",
    () =>
      f.bot.rest.repos.createDispatchEvent({
        ...R,
        event_type: "retrain",
        client_payload: { reason: "drift" },
      }),
    204,
  ],
  [
    "actions.createWorkflowDispatch",
    async () => {
      const r = await f.bot.rest.actions.createWorkflowDispatch({
        ...R,
        workflow_id: "train.yml",
        ref: "main",
        inputs: { epochs: "3" },
      });
      await f.sim.idle();
      return r;
    },
    204,
  ],
  [
    "actions.listWorkflowRunsForRepo",
    () => f.bot.rest.actions.listWorkflowRunsForRepo(R),
    200,
    (d: { workflow_runs: { id: number; status: string; conclusion: string }[] }) => {
      ids.run = d.workflow_runs[0]!.id;
      expect(d.workflow_runs.map((r) => [r.status, r.conclusion])).toEqual([
        ["completed", "success"],
      ]);
    },
  ],
  [
    "actions.listWorkflowRuns",
    () => f.bot.rest.actions.listWorkflowRuns({ ...R, workflow_id: "train.yml" }),
    200,
    (d: { total_count: number }) => expect(d.total_count).toBe(1),
  ],
  [
    "actions.getWorkflowRun",
    () => f.bot.rest.actions.getWorkflowRun({ ...R, run_id: Number(ids.run) }),
    200,
    (d: { path: string; event: string }) =>
      expect([d.path, d.event]).toEqual([".github/workflows/train.yml", "workflow_dispatch"]),
  ],
  [
    "actions.listWorkflowRunArtifacts",
    () => f.bot.rest.actions.listWorkflowRunArtifacts({ ...R, run_id: Number(ids.run) }),
    200,
    (d: { artifacts: { id: number; name: string }[] }) => {
      ids.artifact = d.artifacts[0]!.id;
      expect(d.artifacts.map((a) => a.name)).toEqual(["metrics"]);
    },
  ],
  [
    "actions.downloadArtifact",
    () =>
      f.bot.rest.actions.downloadArtifact({
        ...R,
        artifact_id: Number(ids.artifact),
        archive_format: "zip",
      }),
    200,
    (d: ArrayBuffer) => expect(new Uint8Array(d).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b])),
  ],
];

describe("@octokit/rest against the sim: every served operation", () => {
  test.each(cases.map(([name], i) => [name, i] as const))("%s", async (_name, i) => {
    const [, call, status, check] = cases[i]!;
    const r = await call();
    expect(r.status).toBe(status);
    check?.(r.data as never);
  });

  test("every operation of the subset was called, and every response matched GitHub's schema", () => {
    const called = Object.keys(f.sim.counters.api.snapshot());
    const served = operations()
      .map((o) => `${o.method} ${o.template}`)
      .sort();
    expect(served.filter((k) => !called.includes(k))).toEqual([]);
    expect(f.sim.violations).toEqual([]);
  });
});

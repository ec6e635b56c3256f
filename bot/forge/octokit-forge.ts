/** The Forge port over Probot's octokit: GitHub's REST API, with octokit's retry and throttling in front. */
import { unzipSync } from "fflate";
import type { ProbotOctokit } from "probot";
import {
  type Annotation,
  type CheckRunSpec,
  type Forge,
  ForgeError,
  type Permission,
} from "../../lib/forge.ts";
import { base64, batches, call, fromBase64, type RawPull, toPull } from "./octokit-shapes.ts";

/** A Forge backed by an authenticated octokit (an installation's, in the bot). */
export function octokitForge(octokit: ProbotOctokit): Forge {
  const forge: Forge = {
    async getFile({ owner, repo, path, ref }) {
      const data = await call(
        `reading ${path} at ${ref}`,
        async () => (await octokit.rest.repos.getContent({ owner, repo, path, ref })).data,
        () => null,
      );
      if (data === null || Array.isArray(data) || data.type !== "file") return null;
      // Files over 1 MB come without content: read their blob instead.
      const content =
        "content" in data && data.content
          ? data.content
          : (
              await call(`reading blob of ${path}`, () =>
                octokit.rest.git.getBlob({ owner, repo, file_sha: data.sha }),
              )
            ).data.content;
      return { path, sha: data.sha, bytes: fromBase64(content) };
    },

    async changedFiles({ owner, repo, base, head }) {
      const files = await octokit.paginate(
        "GET /repos/{owner}/{repo}/compare/{basehead}",
        { owner, repo, basehead: `${base}...${head}`, per_page: 100 },
        (response) => response.data.files ?? [],
      );
      return [...new Set(files.map((f) => f.filename))];
    },

    async getDefaultBranch({ owner, repo }) {
      const { data } = await call(`reading ${owner}/${repo}`, () =>
        octokit.rest.repos.get({ owner, repo }),
      );
      return data.default_branch;
    },

    async getPermission({ owner, repo, username }) {
      const data = await call(
        `reading ${username}'s permission on ${owner}/${repo}`,
        async () =>
          (await octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username })).data,
        () => null,
      );
      if (data === null) return "none";
      // role_name knows maintain and triage; permission folds them into write and read.
      const role = (data as { role_name?: string }).role_name;
      const known: Permission[] = ["admin", "maintain", "write", "triage", "read", "none"];
      return known.includes(role as Permission)
        ? (role as Permission)
        : (data.permission as Permission);
    },

    async isTeamMember({ org, team, username }) {
      const data = await call(
        `reading ${username}'s membership of ${org}/${team}`,
        async () =>
          (await octokit.rest.teams.getMembershipForUserInOrg({ org, team_slug: team, username }))
            .data,
        () => null,
      );
      return data?.state === "active";
    },

    async listCheckRuns({ owner, repo, ref, name }) {
      const runs = await call(`listing check runs of ${ref}`, () =>
        octokit.paginate(octokit.rest.checks.listForRef, {
          owner,
          repo,
          ref,
          ...(name ? { check_name: name } : {}),
          per_page: 100,
        }),
      );
      return runs.map((r) => ({
        id: r.id,
        name: r.name,
        external_id: r.external_id,
        status: r.status,
      }));
    },

    async createCheckRun({ owner, repo, output, ...spec }) {
      const [first, ...rest] = batches(output?.annotations);
      const { data } = await call(`creating check run ${spec.name}`, () =>
        octokit.rest.checks.create({
          owner,
          repo,
          ...spec,
          ...(output ? { output: { ...output, annotations: first ?? [] } } : {}),
        }),
      );
      for (const annotations of rest) {
        await forge.updateCheckRun({
          owner,
          repo,
          check_run_id: data.id,
          output: { title: output?.title ?? "", summary: output?.summary ?? "", annotations },
        });
      }
      return { id: data.id };
    },

    async updateCheckRun({ owner, repo, check_run_id, output, ...spec }) {
      const all = batches(output?.annotations);
      const [first, ...rest] = all.length > 0 ? all : [[]];
      const body = (annotations: Annotation[] | undefined) => ({
        owner,
        repo,
        check_run_id,
        ...(spec as Partial<CheckRunSpec>),
        ...(output ? { output: { ...output, annotations: annotations ?? [] } } : {}),
      });
      await call(`updating check run ${check_run_id}`, () =>
        octokit.rest.checks.update(body(first)),
      );
      for (const annotations of rest) {
        await call(`annotating check run ${check_run_id}`, () =>
          octokit.rest.checks.update({
            owner,
            repo,
            check_run_id,
            output: { title: output?.title ?? "", summary: output?.summary ?? "", annotations },
          }),
        );
      }
    },

    async listComments({ owner, repo, issue_number }) {
      const comments = await call(`listing comments of #${issue_number}`, () =>
        octokit.paginate(octokit.rest.issues.listComments, {
          owner,
          repo,
          issue_number,
          per_page: 100,
        }),
      );
      return comments.map((c) => ({
        id: c.id,
        body: c.body ?? "",
        user: { login: c.user?.login ?? "", type: c.user?.type ?? "User" },
      }));
    },

    async createComment({ owner, repo, issue_number, body }) {
      const { data } = await call(`commenting on #${issue_number}`, () =>
        octokit.rest.issues.createComment({ owner, repo, issue_number, body }),
      );
      return { id: data.id };
    },

    async updateComment({ owner, repo, comment_id, body }) {
      await call(`editing comment ${comment_id}`, () =>
        octokit.rest.issues.updateComment({ owner, repo, comment_id, body }),
      );
    },

    async addReaction({ owner, repo, comment_id, content }) {
      await call(`reacting to comment ${comment_id}`, () =>
        octokit.rest.reactions.createForIssueComment({ owner, repo, comment_id, content }),
      );
    },

    async getPull({ owner, repo, pull_number }) {
      const { data } = await call(`reading pull request #${pull_number}`, () =>
        octokit.rest.pulls.get({ owner, repo, pull_number }),
      );
      return toPull(data as RawPull);
    },

    async findPulls({ owner, repo, head, base, state }) {
      const pulls = await call("listing pull requests", () =>
        octokit.paginate(octokit.rest.pulls.list, {
          owner,
          repo,
          state,
          ...(head ? { head: head.includes(":") ? head : `${owner}:${head}` } : {}),
          ...(base ? { base } : {}),
          per_page: 100,
        }),
      );
      return pulls.map((p) => toPull(p as RawPull));
    },

    async createPull({ owner, repo, title, body, head, base }) {
      const { data } = await call(`opening a pull request from ${head}`, () =>
        octokit.rest.pulls.create({ owner, repo, title, body, head, base }),
      );
      return toPull(data as RawPull);
    },

    async updatePull({ owner, repo, pull_number, ...changes }) {
      await call(`updating pull request #${pull_number}`, () =>
        octokit.rest.pulls.update({ owner, repo, pull_number, ...changes }),
      );
    },

    async mergePull({ owner, repo, pull_number, sha, merge_method, commit_title }) {
      const { data } = await call(`merging pull request #${pull_number}`, () =>
        octokit.rest.pulls.merge({
          owner,
          repo,
          pull_number,
          sha,
          merge_method,
          ...(commit_title ? { commit_title } : {}),
        }),
      );
      return { sha: data.sha };
    },

    async listApprovals({ owner, repo, pull_number }) {
      const reviews = await call(`listing reviews of #${pull_number}`, () =>
        octokit.paginate(octokit.rest.pulls.listReviews, {
          owner,
          repo,
          pull_number,
          per_page: 100,
        }),
      );
      // A reviewer's latest decisive review counts: an approval later dismissed or overturned does not.
      const latest = new Map<string, { state: string; commit_id: string }>();
      for (const r of reviews) {
        const login = r.user?.login;
        if (!login || r.state === "COMMENTED") continue;
        latest.set(login, { state: r.state, commit_id: r.commit_id ?? "" });
      }
      return [...latest]
        .filter(([, r]) => r.state === "APPROVED")
        .map(([login, r]) => ({ login, commit_id: r.commit_id }));
    },

    async getBranchSha({ owner, repo, branch }) {
      const data = await call(
        `reading branch ${branch}`,
        async () => (await octokit.rest.git.getRef({ owner, repo, ref: `heads/${branch}` })).data,
        () => null,
      );
      return data?.object.sha ?? null;
    },

    async createCommit({ owner, repo, parent, message, changes }) {
      const { data: parentCommit } = await call(`reading commit ${parent}`, () =>
        octokit.rest.git.getCommit({ owner, repo, commit_sha: parent }),
      );
      const tree: { path: string; mode: "100644"; type: "blob"; sha: string | null }[] = [];
      for (const [path, content] of Object.entries(changes)) {
        if (content === null) {
          tree.push({ path, mode: "100644" as const, type: "blob" as const, sha: null });
          continue;
        }
        const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
        const { data: blob } = await call(`writing ${path}`, () =>
          octokit.rest.git.createBlob({ owner, repo, content: base64(bytes), encoding: "base64" }),
        );
        tree.push({ path, mode: "100644" as const, type: "blob" as const, sha: blob.sha });
      }
      const { data: newTree } = await call("writing the tree", () =>
        octokit.rest.git.createTree({ owner, repo, base_tree: parentCommit.tree.sha, tree }),
      );
      const { data: commit } = await call("writing the commit", () =>
        octokit.rest.git.createCommit({
          owner,
          repo,
          message,
          tree: newTree.sha,
          parents: [parent],
        }),
      );
      return commit.sha;
    },

    async setBranch({ owner, repo, branch, sha, expected }) {
      if (expected === null) {
        await call(`creating branch ${branch}`, () =>
          octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha }),
        );
        return;
      }
      // GitHub has no compare-and-swap on refs; a fast-forward-only update of a commit whose
      // parent is `expected` is one: if the branch moved, the new commit no longer fast-forwards.
      const current = await forge.getBranchSha({ owner, repo, branch });
      if (current !== expected) {
        throw new ForgeError(`branch ${branch} moved (now ${current}, expected ${expected})`, 409);
      }
      await call(`moving branch ${branch}`, () =>
        octokit.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha, force: false }),
      );
    },

    async dispatchWorkflow({ owner, repo, workflow, ref, inputs }) {
      await call(`dispatching workflow ${workflow}`, () =>
        octokit.rest.actions.createWorkflowDispatch({
          owner,
          repo,
          workflow_id: workflow,
          ref,
          inputs,
        }),
      );
    },

    async listArtifacts({ owner, repo, run_id }) {
      const artifacts = await call(`listing artifacts of run ${run_id}`, () =>
        octokit.paginate(octokit.rest.actions.listWorkflowRunArtifacts, {
          owner,
          repo,
          run_id,
          per_page: 100,
        }),
      );
      return artifacts.map((a) => ({ id: a.id, name: a.name }));
    },

    async downloadArtifact({ owner, repo, artifact_id }) {
      const { data } = await call(`downloading artifact ${artifact_id}`, () =>
        octokit.rest.actions.downloadArtifact({ owner, repo, artifact_id, archive_format: "zip" }),
      );
      return unzipSync(new Uint8Array(data as ArrayBuffer));
    },
  };
  return forge;
}

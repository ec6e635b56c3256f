/** The Forge the bot's stages use: the engine's port plus the few calls only the bot needs. */
import type { ProbotOctokit } from "probot";
import { type Forge, ForgeError, type RepoRef } from "../../lib/forge.ts";
import type { WorkflowRunSummary } from "../../lib/runners/github-actions.ts";
import { octokitForge } from "./octokit-forge.ts";

/** Forge + deleting a comment (extra sticky copies) + listing a workflow's runs (the Actions runner finds a run already started). */
export interface BotForge extends Forge {
  deleteComment(p: RepoRef & { comment_id: number }): Promise<void>;
  listWorkflowRuns(p: RepoRef & { workflow: string }): Promise<WorkflowRunSummary[]>;
}

function fail(what: string, error: unknown): never {
  const status = (error as { status?: number } | null)?.status ?? 0;
  throw new ForgeError(
    `${what}: ${error instanceof Error ? error.message : String(error)}`,
    status,
  );
}

/** The bot's Forge over an installation's octokit. */
export function botForge(octokit: ProbotOctokit): BotForge {
  return {
    ...octokitForge(octokit),
    async deleteComment({ owner, repo, comment_id }) {
      try {
        await octokit.rest.issues.deleteComment({ owner, repo, comment_id });
      } catch (error) {
        // Already gone (another replica removed it): the goal is reached.
        if ((error as { status?: number }).status === 404) return;
        fail(`deleting comment ${comment_id}`, error);
      }
    },
    async listWorkflowRuns({ owner, repo, workflow }) {
      try {
        const { data } = await octokit.rest.actions.listWorkflowRuns({
          owner,
          repo,
          workflow_id: workflow,
          per_page: 50,
        });
        return data.workflow_runs.map((r) => ({
          id: r.id,
          display_title: r.display_title,
          name: r.name ?? null,
          head_sha: r.head_sha,
          status: r.status,
          conclusion: r.conclusion,
          html_url: r.html_url,
          path: r.path,
        }));
      } catch (error) {
        if ((error as { status?: number }).status === 404) return [];
        fail(`listing runs of ${workflow}`, error);
      }
    },
  };
}

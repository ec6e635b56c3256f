import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import fc from "fast-check";
import { gitText } from "../../sim/git/run-git.ts";
import { type Fixture, seeded, statusOf } from "./fixture.ts";

let f: Fixture;
const R = { owner: "acme", repo: "churn" } as const;

beforeAll(async () => {
  f = await seeded();
});
afterAll(() => f.sim.close());

/** Run git in a sim repository's bare dir: the ground truth. */
function git(repo: string, ...args: string[]): Promise<string> {
  return gitText({ gitDir: f.sim.state.repos.get(repo)!.git.gitDir, args });
}

describe("merges are real git merges", () => {
  test("a merge commit has the base and head as its two parents, and git log says so", async () => {
    const s = f.sim.script;
    const head = await s.pushCommit({
      repo: "acme/churn",
      branch: "m1",
      files: { "m1.txt": "1\n" },
      message: "m1",
      author: "maintainer",
    });
    await s.pushCommit({
      repo: "acme/churn",
      branch: "main",
      files: { "other.txt": "o\n" },
      message: "main moves",
      author: "maintainer",
    });
    const base = await git("acme/churn", "rev-parse", "main");
    const pr = await f.maintainer.rest.pulls.create({
      ...R,
      head: "m1",
      base: "main",
      title: "M1",
    });
    const merged = await f.maintainer.rest.pulls.merge({ ...R, pull_number: pr.data.number });
    expect(await git("acme/churn", "rev-parse", "main")).toBe(merged.data.sha);
    expect(await git("acme/churn", "log", "-1", "--format=%P%n%s", "main")).toBe(
      `${base} ${head}\nMerge pull request #${pr.data.number} from acme/m1`,
    );
    expect(await git("acme/churn", "show", "main:m1.txt")).toBe("1");
    const after = await f.maintainer.rest.pulls.get({ ...R, pull_number: pr.data.number });
    expect([
      after.data.merged,
      after.data.state,
      after.data.merge_commit_sha,
      after.data.merged_by?.login,
    ]).toEqual([true, "closed", merged.data.sha, "maintainer"]);
  });

  test.each([
    ["squash", 1, "Squash me (#N)"],
    ["rebase", 1, "r2"],
  ] as const)("merge_method %s writes %i-parent commits", async (method, parents, subject) => {
    const s = f.sim.script;
    const branch = `b-${method}`;
    await s.pushCommit({
      repo: "acme/churn",
      branch,
      files: { [`${method}.txt`]: "1\n" },
      message: "r1",
      author: "maintainer",
    });
    await s.pushCommit({
      repo: "acme/churn",
      branch,
      files: { [`${method}.txt`]: "2\n" },
      message: "r2",
      author: "maintainer",
    });
    const n = await s.openPullRequest({
      repo: "acme/churn",
      head: branch,
      title: "Squash me",
      user: "maintainer",
    });
    const r = await f.maintainer.rest.pulls.merge({ ...R, pull_number: n, merge_method: method });
    const [p, s1] = (await git("acme/churn", "log", "-1", "--format=%P%n%s", r.data.sha)).split(
      "\n",
    );
    expect([p!.split(" ").length, s1]).toEqual([parents, subject.replace("N", String(n))]);
    expect(await git("acme/churn", "show", `main:${method}.txt`)).toBe("2");
  });

  test("a rebase merge keeps base-side edits to a file the pull also changed", async () => {
    const s = f.sim.script;
    await s.pushCommit({
      repo: "acme/churn",
      branch: "main",
      files: { "r.txt": "1\n2\n3\n4\n5\n" },
      message: "r",
      author: "maintainer",
    });
    await s.pushCommit({
      repo: "acme/churn",
      branch: "rb",
      files: { "r.txt": "1\n2\n3\n4\nfive\n" },
      message: "five",
      author: "maintainer",
    });
    await s.pushCommit({
      repo: "acme/churn",
      branch: "main",
      files: { "r.txt": "one\n2\n3\n4\n5\n" },
      message: "one",
      author: "maintainer",
    });
    const n = await s.openPullRequest({
      repo: "acme/churn",
      head: "rb",
      title: "Five",
      user: "maintainer",
    });
    await f.maintainer.rest.pulls.merge({ ...R, pull_number: n, merge_method: "rebase" });
    expect([
      await git("acme/churn", "show", "main:r.txt"),
      await git("acme/churn", "log", "-2", "--format=%s", "main"),
    ]).toEqual(["one\n2\n3\n4\nfive", "five\none"]);
  });

  test("409 when the head sha does not match; 405 when the pull conflicts; 405 once merged", async () => {
    const s = f.sim.script;
    await s.pushCommit({
      repo: "acme/churn",
      branch: "c1",
      files: { "README.md": "conflict A\n" },
      message: "a",
      author: "maintainer",
    });
    const n = await s.openPullRequest({
      repo: "acme/churn",
      head: "c1",
      title: "C",
      user: "maintainer",
    });
    expect(
      await statusOf(f.maintainer.rest.pulls.merge({ ...R, pull_number: n, sha: "0".repeat(40) })),
    ).toEqual({
      status: 409,
      message: "Head branch was modified. Review and try the merge again.",
    });
    await s.pushCommit({
      repo: "acme/churn",
      branch: "main",
      files: { "README.md": "conflict B\n" },
      message: "b",
      author: "maintainer",
    });
    const pr = await f.maintainer.rest.pulls.get({ ...R, pull_number: n });
    expect([pr.data.mergeable, pr.data.mergeable_state]).toEqual([false, "dirty"]);
    const before = await git("acme/churn", "rev-parse", "main");
    expect(await statusOf(f.maintainer.rest.pulls.merge({ ...R, pull_number: n }))).toEqual({
      status: 405,
      message: "Pull Request is not mergeable",
    });
    expect(await git("acme/churn", "rev-parse", "main")).toBe(before);
  });
});

describe("refs are compare-and-swap", () => {
  test("force:false refuses a non-fast-forward with 422 and leaves the ref; force:true moves it", async () => {
    const s = f.sim.script;
    const a = await s.pushCommit({
      repo: "acme/churn",
      branch: "cas",
      files: { "cas.txt": "a\n" },
      message: "a",
      author: "maintainer",
    });
    const b = await s.pushCommit({
      repo: "acme/churn",
      branch: "cas",
      files: { "cas.txt": "b\n" },
      message: "b",
      author: "maintainer",
    });
    expect(
      await statusOf(f.bot.rest.git.updateRef({ ...R, ref: "heads/cas", sha: a, force: false })),
    ).toEqual({ status: 422, message: "Update is not a fast forward" });
    expect(await git("acme/churn", "rev-parse", "cas")).toBe(b);
    expect(
      (await statusOf(f.bot.rest.git.updateRef({ ...R, ref: "heads/cas", sha: a, force: true })))
        .status,
    ).toBe(200);
    expect(await git("acme/churn", "rev-parse", "cas")).toBe(a);
  });

  test.each([
    [
      "creating a ref to a missing object",
      () => f.bot.rest.git.createRef({ ...R, ref: "refs/heads/main", sha: "0".repeat(40) }),
      422,
      "Object does not exist",
    ],
    [
      "creating a ref to an existing branch name",
      async () =>
        f.bot.rest.git.createRef({
          ...R,
          ref: "refs/heads/main",
          sha: await git("acme/churn", "rev-parse", "main"),
        }),
      422,
      "Reference already exists",
    ],
    [
      "updating a missing ref",
      () => f.bot.rest.git.updateRef({ ...R, ref: "heads/nope", sha: "0".repeat(40) }),
      422,
      "Reference does not exist",
    ],
    [
      "a bad ref name",
      () => f.bot.rest.git.createRef({ ...R, ref: "main", sha: "0".repeat(40) }),
      422,
      "main is not a valid ref name.",
    ],
    ["a missing ref", () => f.bot.rest.git.getRef({ ...R, ref: "heads/nope" }), 404, "Not Found"],
  ] as const)("%s → %i", async (_name, call, status, message) => {
    expect(await statusOf(call() as Promise<{ status: number }>)).toEqual({ status, message });
  });
});

describe("a revert through the git data API restores the exact previous bytes", () => {
  test("tree of the parent + commit + fast-forward ref", async () => {
    const s = f.sim.script;
    const bytes = new Uint8Array([0, 255, 10, 13, 10, 128, 65]);
    await s.pushCommit({
      repo: "acme/churn",
      branch: "main",
      files: { "env/prod.yaml": "stable: v1  # keep\n", "bin.dat": bytes },
      message: "v1",
      author: "maintainer",
    });
    const good = await git("acme/churn", "rev-parse", "main");
    await s.pushCommit({
      repo: "acme/churn",
      branch: "main",
      files: { "env/prod.yaml": "stable: v2\n", "bin.dat": "x" },
      message: "v2",
      author: "maintainer",
    });
    const bad = await git("acme/churn", "rev-parse", "main");
    const badCommit = await f.bot.rest.git.getCommit({ ...R, commit_sha: bad });
    const parent = await f.bot.rest.git.getCommit({
      ...R,
      commit_sha: badCommit.data.parents[0]!.sha,
    });
    const revert = await f.bot.rest.git.createCommit({
      ...R,
      message: `Revert "v2"\n\nThis reverts commit ${bad}.`,
      tree: parent.data.tree.sha,
      parents: [bad],
    });
    await f.bot.rest.git.updateRef({ ...R, ref: "heads/main", sha: revert.data.sha, force: false });
    expect(await git("acme/churn", "rev-parse", "main^{tree}")).toBe(
      await git("acme/churn", "rev-parse", `${good}^{tree}`),
    );
    expect(await f.sim.script.readFile({ repo: "acme/churn", path: "env/prod.yaml" })).toBe(
      "stable: v1  # keep\n",
    );
    expect(await f.sim.script.readBytes({ repo: "acme/churn", path: "bin.dat" })).toEqual(bytes);
    expect(await git("acme/churn", "log", "-3", "--format=%s", "main")).toBe('Revert "v2"\nv2\nv1');
  });
});

describe("reverts, as a property", () => {
  const files = fc.dictionary(
    fc.constantFrom("a.yaml", "dir/b.bin", "dir/sub/c.txt", "d"),
    fc.uint8Array({ maxLength: 40 }),
    { minKeys: 1 },
  );

  test("for any two versions of any files, reverting the second through the git data API restores the first byte for byte", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(files, files, async (v1, v2) => {
        const branch = `prop-${++run}`;
        const s = f.sim.script;
        await s.pushCommit({
          repo: "acme/churn",
          branch,
          files: v1,
          message: "v1",
          author: "maintainer",
        });
        const removed = Object.fromEntries(
          Object.keys(v1)
            .filter((k) => !(k in v2))
            .map((k) => [k, null]),
        );
        const bad = await s.pushCommit({
          repo: "acme/churn",
          branch,
          files: { ...removed, ...v2 },
          message: "v2",
          author: "maintainer",
        });
        const parent = (await f.bot.rest.git.getCommit({ ...R, commit_sha: bad })).data.parents[0]!
          .sha;
        const tree = (await f.bot.rest.git.getCommit({ ...R, commit_sha: parent })).data.tree.sha;
        const revert = await f.bot.rest.git.createCommit({
          ...R,
          message: "Revert v2",
          tree,
          parents: [bad],
        });
        await f.bot.rest.git.updateRef({
          ...R,
          ref: `heads/${branch}`,
          sha: revert.data.sha,
          force: false,
        });
        for (const [path, bytes] of Object.entries(v1)) {
          expect(await s.readBytes({ repo: "acme/churn", path, ref: branch })).toEqual(bytes);
        }
        for (const path of Object.keys(v2).filter((k) => !(k in v1))) {
          expect(await s.readBytes({ repo: "acme/churn", path, ref: branch })).toBeNull();
        }
      }),
      { numRuns: 8, seed: 42 },
    );
  });
});

describe("fork pull requests", () => {
  test("head repo is the fork; the base repo gets refs/pull/N/head; merging brings the fork's commit into the base", async () => {
    const s = f.sim.script;
    const sha = await s.pushCommit({
      repo: "contributor/churn",
      branch: "fix",
      files: { "fix.txt": "from a fork\n" },
      message: "fork fix",
      author: "contributor",
    });
    const pr = await f.contributor.rest.pulls.create({
      ...R,
      head: "contributor:fix",
      base: "main",
      title: "Fix from fork",
    });
    expect([
      pr.data.head.repo.full_name,
      pr.data.head.repo.fork,
      pr.data.base.repo.full_name,
      pr.data.head.label,
      pr.data.user.login,
    ]).toEqual(["contributor/churn", true, "acme/churn", "contributor:fix", "contributor"]);
    expect(await git("acme/churn", "rev-parse", `refs/pull/${pr.data.number}/head`)).toBe(sha);
    expect(
      await statusOf(f.contributor.rest.pulls.merge({ ...R, pull_number: pr.data.number })),
    ).toEqual({ status: 403, message: "Must have push access to repository" });
    const merged = await f.maintainer.rest.pulls.merge({ ...R, pull_number: pr.data.number });
    expect(
      (await git("acme/churn", "log", "-1", "--format=%P", merged.data.sha)).split(" ")[1],
    ).toBe(sha);
    expect(await git("acme/churn", "show", "main:fix.txt")).toBe("from a fork");
  });

  test("a push to the fork branch updates the open pull and sends synchronize", async () => {
    const s = f.sim.script;
    await s.pushCommit({
      repo: "contributor/churn",
      branch: "fix2",
      files: { "fix2.txt": "1\n" },
      message: "one",
      author: "contributor",
    });
    const n = await s.openPullRequest({
      repo: "acme/churn",
      head: "contributor:fix2",
      title: "Fix 2",
      user: "contributor",
    });
    await f.sim.idle();
    f.received.length = 0;
    const sha = await s.pushCommit({
      repo: "contributor/churn",
      branch: "fix2",
      files: { "fix2.txt": "2\n" },
      message: "two",
      author: "contributor",
    });
    await f.sim.idle();
    expect(
      f.received.map(
        (d) =>
          `${d.name}.${d.payload.action ?? ""}:${(d.payload.repository as { full_name: string }).full_name}`,
      ),
    ).toEqual(["push.:contributor/churn", "pull_request.synchronize:acme/churn"]);
    expect((await f.bot.rest.pulls.get({ ...R, pull_number: n })).data.head.sha).toBe(sha);
    expect(await git("acme/churn", "rev-parse", `refs/pull/${n}/head`)).toBe(sha);
  });
});

test("every response in this file matched GitHub's schema for its status", () => {
  expect(f.sim.violations).toEqual([]);
});

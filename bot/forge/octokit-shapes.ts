/** What the octokit Forge shares: GitHub's payload shapes turned into the port's, errors classified, bytes encoded. */
import { type Annotation, ForgeError, type PullRequestInfo } from "../../lib/forge.ts";

/** GitHub accepts at most 50 annotations per check run request. */
const ANNOTATIONS_PER_REQUEST = 50;

export type RawPull = {
  number: number;
  state: string;
  merged?: boolean | null;
  merged_at?: string | null;
  title: string;
  body: string | null;
  base: { ref: string; sha: string; repo: { name: string; owner: { login: string } } };
  head: {
    ref: string;
    sha: string;
    repo: { name: string; owner: { login: string }; fork: boolean } | null;
  };
  user: { login: string } | null;
  labels: ({ name?: string } | string)[];
};

export function toPull(raw: RawPull): PullRequestInfo {
  const headRepo = raw.head.repo;
  return {
    number: raw.number,
    state: raw.state === "open" ? "open" : "closed",
    merged: Boolean(raw.merged ?? raw.merged_at),
    title: raw.title,
    body: raw.body ?? "",
    base: {
      ref: raw.base.ref,
      sha: raw.base.sha,
      repo: { owner: raw.base.repo.owner.login, repo: raw.base.repo.name },
    },
    head: {
      ref: raw.head.ref,
      sha: raw.head.sha,
      // A deleted fork leaves head.repo null: treat it as a fork, the cautious reading.
      repo: headRepo
        ? { owner: headRepo.owner.login, repo: headRepo.name }
        : { owner: "", repo: "" },
      fork: headRepo
        ? headRepo.owner.login !== raw.base.repo.owner.login || headRepo.name !== raw.base.repo.name
        : true,
    },
    user: { login: raw.user?.login ?? "" },
    labels: raw.labels.map((l) => (typeof l === "string" ? l : (l.name ?? ""))),
  };
}

export function status(error: unknown): number {
  return (error as { status?: number } | null)?.status ?? 0;
}

/** Run a call; 404 becomes `notFound`, any other failure a ForgeError carrying the status. */
export async function call<T, F = never>(
  what: string,
  fn: () => Promise<T>,
  notFound?: () => F,
): Promise<T | F> {
  try {
    return await fn();
  } catch (error) {
    if (notFound && status(error) === 404) return notFound();
    const reason = error instanceof Error ? error.message : String(error);
    throw new ForgeError(`${what}: ${reason}`, status(error));
  }
}

export function base64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text.replace(/\s/g, ""));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function batches(annotations: Annotation[] | undefined): Annotation[][] {
  const list = annotations ?? [];
  const out: Annotation[][] = [];
  for (let i = 0; i < list.length; i += ANNOTATIONS_PER_REQUEST) {
    out.push(list.slice(i, i + ANNOTATIONS_PER_REQUEST));
  }
  return out;
}

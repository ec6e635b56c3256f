/** `createSim`: a local GitHub over real git repositories, as a web-standard `fetch` handler plus scripting, webhooks, Actions and faults. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { WorkflowExecutor } from "./actions/executor.ts";
import { generateAppKey, signAppJwt } from "./auth/jwt.ts";
import { type Clock, systemClock } from "./clock.ts";
import type { SimCore } from "./core.ts";
import { repoOr404 } from "./core.ts";
import { Counter, type FaultRule, Faults } from "./faults.ts";
import { createHandler, type ResponseViolation } from "./handler.ts";
import { registerWorkflow, type Workflow } from "./ops/actions.ts";
import { createScript, type SimScript } from "./script.ts";
import { type App, emptyState, type SimState } from "./state.ts";
import {
  type DeliveryRecord,
  Outbox,
  type WebhookDelivery,
  type WebhookTarget,
} from "./webhooks/outbox.ts";

export interface SimOptions {
  /** Every timestamp comes from here (default: the wall clock). */
  clock?: Clock;
  /** App JWTs are checked against this clock (default: the wall clock, since Probot signs with it). */
  jwtClock?: Clock;
  /** Where bare repositories live (default: a fresh temp dir, removed by close()). */
  dataDir?: string;
  /** The API base URL links in payloads use (default "http://sim.local"). */
  baseUrl?: string;
  /** Check every JSON response against GitHub's schema and collect violations (tests turn it on). */
  validateResponses?: boolean;
  /** The app the sim hosts. */
  app?: { name?: string; slug?: string; webhookSecret?: string; owner?: string };
}

/** The simulated GitHub. */
export interface Sim {
  /** The web-standard handler: give it to Octokit (`request: { fetch: sim.fetch }`) or a listener. */
  fetch(input: Request | string | URL, init?: RequestInit): Promise<Response>;
  readonly url: string;
  readonly clock: Clock;
  readonly state: SimState;
  readonly script: SimScript;
  /** The hosted GitHub App: its id, slug, private key (PKCS#8 PEM) and webhook secret. */
  readonly app: { id: number; slug: string; privateKey: string; webhookSecret: string };
  /** Sign an app JWT for the hosted app (what Probot does with the private key). */
  appJwt(): Promise<string>;
  readonly webhooks: {
    /** Deliver every event to a URL or an in-process receiver, signed with `secret` (default: the app's); returns the unsubscribe. */
    subscribe(
      target:
        | { url: string; secret?: string }
        | {
            receive: (d: WebhookDelivery) => unknown;
            secret?: string;
          },
    ): () => void;
    readonly log: DeliveryRecord[];
    redeliver(id: number): DeliveryRecord;
    /** Drop, duplicate or reorder the next n events. */
    readonly faults: { drop: number; duplicate: number; reorder: number };
  };
  readonly faults: { inject(rule: FaultRule): void; clear(): void };
  readonly counters: { api: Counter; webhooks: Counter; reset(): void };
  readonly actions: {
    register(p: {
      repo: string;
      workflow: string;
      name?: string;
      executor: WorkflowExecutor;
    }): Workflow;
  };
  /** Responses that did not match GitHub's schema (with validateResponses). */
  readonly violations: ResponseViolation[];
  /** Wait until webhooks are delivered and workflow runs have finished (including the events they cause). */
  idle(): Promise<void>;
  /** Wait for background work and remove the temp data dir. */
  close(): Promise<void>;
}

/** Create a sim with its hosted app; no users, orgs or repositories yet (use `sim.script`). */
export async function createSim(options: SimOptions = {}): Promise<Sim> {
  const clock = options.clock ?? systemClock;
  const ownDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "mlops-sim-"));
  const url = (options.baseUrl ?? "http://sim.local").replace(/\/+$/, "");
  const state = emptyState();
  const outbox = new Outbox(clock);
  const core: SimCore = {
    state,
    api: url,
    clock,
    dataDir,
    outbox,
    pending: new Set(),
    workflows: new Map(),
  };

  const key = await generateAppKey();
  const appId = state.nextId++;
  const slug = options.app?.slug ?? "mlops-bot";
  const app: App = {
    id: appId,
    slug,
    name: options.app?.name ?? slug,
    owner: options.app?.owner ?? "github-sim",
    privateKey: key.privateKeyPem,
    publicKey: key.publicKey,
    webhookSecret: options.app?.webhookSecret ?? "sim-webhook-secret",
    createdAt: clock.now(),
  };
  state.apps.set(appId, app);
  state.accounts.set(app.owner, { id: state.nextId++, login: app.owner, type: "User" });
  // Bot logins carry brackets, which are not valid in an email address: the commit email uses the slug.
  state.accounts.set(`${slug}[bot]`, {
    id: state.nextId++,
    login: `${slug}[bot]`,
    type: "Bot",
    email: `${slug}-bot@users.noreply.sim`,
  });

  const faults = new Faults();
  const calls = new Counter();
  const violations: ResponseViolation[] = [];
  const handler = createHandler({
    core,
    faults,
    calls,
    jwtClock: options.jwtClock ?? systemClock,
    validateResponses: options.validateResponses ?? false,
    violations,
  });

  const idle = async () => {
    for (;;) {
      await outbox.drain();
      if (core.pending.size === 0) {
        // A receiver may have called the API and caused new events: settle once more.
        await new Promise((r) => setTimeout(r, 0));
        if (core.pending.size === 0 && outbox.log.every((d) => d.status !== "queued")) return;
      }
      await Promise.allSettled([...core.pending]);
    }
  };

  return {
    async fetch(input, init) {
      const request =
        input instanceof Request && init === undefined ? input : new Request(input as string, init);
      const response = await handler(request);
      // A network response carries the URL it answers; Octokit's paginate reads it.
      Object.defineProperty(response, "url", { value: request.url });
      return response;
    },
    url,
    clock,
    state,
    script: createScript(core, () => appId),
    app: { id: appId, slug, privateKey: app.privateKey, webhookSecret: app.webhookSecret },
    appJwt: () =>
      signAppJwt({
        appId,
        privateKeyPem: app.privateKey,
        now: (options.jwtClock ?? systemClock).now(),
      }),
    webhooks: {
      subscribe(target) {
        const entry = { ...target, secret: target.secret ?? app.webhookSecret } as WebhookTarget;
        outbox.targets.push(entry);
        return () => {
          const at = outbox.targets.indexOf(entry);
          if (at >= 0) outbox.targets.splice(at, 1);
        };
      },
      log: outbox.log,
      redeliver: (id) => outbox.redeliver(id),
      faults: outbox.faults,
    },
    faults,
    counters: {
      api: calls,
      webhooks: outbox.counts,
      reset() {
        calls.reset();
        outbox.counts.reset();
      },
    },
    actions: {
      register: (p) =>
        registerWorkflow(core, {
          repo: repoOr404(core, p.repo),
          file: p.workflow,
          name: p.name,
          executor: p.executor,
        }),
    },
    violations,
    idle,
    async close() {
      await idle();
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type { ExecutorResult, RunContext, WorkflowExecutor } from "./actions/executor.ts";
export type { Clock, ManualClock } from "./clock.ts";
export { manualClock, systemClock } from "./clock.ts";
export type { FaultRule } from "./faults.ts";
export type { DeliveryRecord, WebhookDelivery } from "./webhooks/outbox.ts";

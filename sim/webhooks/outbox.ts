/** The webhook outbox: signs, records and delivers events in order to URLs or in-process receivers, with faults and redelivery. */
import type { Clock } from "../clock.ts";
import { Counter } from "../faults.ts";
import { signBody } from "./sign.ts";

/** What an in-process receiver gets: the same bytes and headers an HTTP receiver would. */
export interface WebhookDelivery {
  id: string;
  name: string;
  payload: Record<string, unknown>;
  body: string;
  headers: Record<string, string>;
}

export type WebhookTarget =
  | { url: string; secret: string }
  | { receive: (delivery: WebhookDelivery) => unknown; secret: string };

/** One entry of the deliveries log. */
export interface DeliveryRecord {
  /** Numeric id used by `redeliver`. */
  id: number;
  /** The X-GitHub-Delivery GUID (kept on redelivery, as GitHub does). */
  guid: string;
  event: string;
  action: string | null;
  payload: Record<string, unknown>;
  status: "queued" | "delivered" | "failed" | "dropped";
  statusCode: number | null;
  redelivery: boolean;
  deliveredAt: string | null;
  error?: string;
}

/** Faults applied to the next emitted events. */
export interface WebhookFaults {
  drop: number;
  duplicate: number;
  reorder: number;
}

export class Outbox {
  readonly targets: WebhookTarget[] = [];
  readonly log: DeliveryRecord[] = [];
  /** Deliveries per "event.action". */
  readonly counts = new Counter();
  readonly faults: WebhookFaults = { drop: 0, duplicate: 0, reorder: 0 };
  private queue: DeliveryRecord[] = [];
  private held: DeliveryRecord[] = [];
  private running: Promise<void> | null = null;
  private seq = 0;

  constructor(private readonly clock: Clock) {}

  /** Record `event` and queue it for delivery; returns the record. */
  emit(event: string, payload: Record<string, unknown>): DeliveryRecord {
    const id = ++this.seq;
    const record: DeliveryRecord = {
      id,
      guid: `00000000-0000-4000-8000-${id.toString(16).padStart(12, "0")}`,
      event,
      action: typeof payload.action === "string" ? payload.action : null,
      payload,
      status: "queued",
      statusCode: null,
      redelivery: false,
      deliveredAt: null,
    };
    this.log.push(record);
    const key = record.action ? `${event}.${record.action}` : event;
    this.counts.add(key);
    if (this.faults.drop > 0) {
      this.faults.drop--;
      record.status = "dropped";
      return record;
    }
    if (this.faults.reorder > 0) {
      // Held back until the next event has been queued: the two arrive swapped.
      this.faults.reorder--;
      this.held.push(record);
      return record;
    }
    this.enqueue(record);
    if (this.faults.duplicate > 0) {
      this.faults.duplicate--;
      this.enqueue(record);
    }
    const held = this.held.splice(0);
    for (const h of held) this.enqueue(h);
    return record;
  }

  /** Deliver a logged event again with the same GUID; returns the new record. */
  redeliver(id: number): DeliveryRecord {
    const original = this.log.find((r) => r.id === id);
    if (!original) throw new Error(`no webhook delivery ${id}`);
    const record: DeliveryRecord = {
      ...original,
      id: ++this.seq,
      status: "queued",
      statusCode: null,
      redelivery: true,
      deliveredAt: null,
    };
    this.log.push(record);
    this.enqueue(record);
    return record;
  }

  /** Resolve once every queued delivery (and any held back by a reorder fault) has been attempted. */
  async drain(): Promise<void> {
    for (;;) {
      if (this.queue.length === 0 && this.held.length > 0)
        for (const h of this.held.splice(0)) this.enqueue(h);
      if (this.running) await this.running;
      else if (this.queue.length === 0) return;
      else this.pump();
    }
  }

  private enqueue(record: DeliveryRecord): void {
    this.queue.push(record);
    this.pump();
  }

  private pump(): void {
    if (this.running) return;
    this.running = (async () => {
      // Yield first, so the API response that caused the event is returned before delivery, as on GitHub.
      await Promise.resolve();
      while (this.queue.length > 0) await this.deliver(this.queue.shift()!);
      this.running = null;
    })();
  }

  private async deliver(record: DeliveryRecord): Promise<void> {
    const body = JSON.stringify(record.payload);
    let failed = false;
    for (const target of this.targets) {
      const headers: Record<string, string> = {
        "content-type": "application/json",
        "user-agent": "GitHub-Hookshot/sim",
        "x-github-event": record.event,
        "x-github-delivery": record.guid,
        "x-github-hook-id": "1",
        "x-hub-signature-256": await signBody(target.secret, body),
      };
      try {
        if ("url" in target) {
          const res = await fetch(target.url, { method: "POST", headers, body });
          await res.arrayBuffer();
          record.statusCode = res.status;
          if (!res.ok) failed = true;
        } else {
          await target.receive({
            id: record.guid,
            name: record.event,
            payload: JSON.parse(body),
            body,
            headers,
          });
          record.statusCode = 200;
        }
      } catch (error) {
        failed = true;
        record.statusCode = record.statusCode ?? 500;
        record.error = error instanceof Error ? error.message : String(error);
      }
    }
    record.status = failed ? "failed" : "delivered";
    record.deliveredAt = this.clock.now().toISOString();
  }
}

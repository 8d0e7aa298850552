/**
 * The enabled webhooks as this instance last read them, shared by the consumer (which webhooks an event goes
 * to) and the delivery job (url, headers and secret at attempt time), so a delivery costs no extra read.
 * Every change to `_webhooks` is itself a committed event that the consumer sees in order and answers with
 * invalidate(); the time limit only bounds what a write bypassing the outbox could leave stale.
 */
import type { App } from '../core/app.js';
import { enabledWebhooks, findWebhook, type Webhook } from './webhook-store.js';

const DEFAULT_TTL_MS = 5_000;

export class WebhookCache {
  private cached: { webhooks: Webhook[]; at: number } | null = null;

  constructor(
    private readonly app: App,
    private readonly ttlMs = DEFAULT_TTL_MS,
  ) {}

  invalidate(): void {
    this.cached = null;
  }

  async enabled(): Promise<Webhook[]> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > this.ttlMs) this.cached = { webhooks: await enabledWebhooks(this.app), at: now };
    return this.cached.webhooks;
  }

  /** An enabled webhook from the cache; anything else (disabled, unknown) is read from storage. */
  async find(id: string): Promise<Webhook | null> {
    return (await this.enabled()).find((w) => w.id === id) ?? findWebhook(this.app, id);
  }
}

/**
 * Webhooks (records of `_webhooks`) and their delivery log (`_webhookDeliveries`), plus the test, replay and
 * secret rotation actions. Superusers only.
 */
import type { PlinthClientCore } from './client-core.js';
import { RecordService, type RequestOptions } from './record-service.js';
import type { BaseRecord, JsonValue } from './schema-types.js';

export interface WebhookRecord extends BaseRecord {
  name: string;
  url: string;
  /** `"<collection>.<action>"` entries, `*` for either part. */
  events: string[];
  filter: string;
  headers: Record<string, string> | null;
  enabled: boolean;
  /**
   * The Standard Webhooks signing secret (`whsec_<base64>`), write-only: present only in the answer to the create
   * or update that set it (generated on create when not given) and to `rotateSecret`. No read returns it.
   */
  secret?: string;
  created: string;
  updated: string;
}

export interface WebhookDeliveryRecord extends BaseRecord {
  webhook: string;
  eventId: string;
  type: string;
  attempt: number;
  status: number;
  duration: number;
  response: string;
  error: '' | 'timeout' | 'refused' | 'network' | 'invalid';
  nextAttempt: string;
  state: 'delivered' | 'retrying' | 'failed' | 'disabled';
  payload: JsonValue;
  created: string;
  updated: string;
}

export type WebhookInput = Partial<Omit<WebhookRecord, keyof BaseRecord | 'created' | 'updated'>>;

export type WebhookSchema = {
  _webhooks: { type: 'base'; record: WebhookRecord; create: WebhookInput & { name: string; url: string }; update: WebhookInput; relations: {} };
  _webhookDeliveries: {
    type: 'base';
    record: WebhookDeliveryRecord;
    create: never;
    update: never;
    relations: { webhook: { to: '_webhooks'; many: false } };
  };
};

export class WebhookService {
  /** The webhooks themselves, through the records API. */
  readonly hooks: RecordService<WebhookSchema, '_webhooks'>;
  /** The delivery log (one record per attempt). */
  readonly deliveries: RecordService<WebhookSchema, '_webhookDeliveries'>;

  private readonly client: PlinthClientCore;

  constructor(client: PlinthClientCore) {
    this.client = client;
    this.hooks = new RecordService(client, '_webhooks');
    this.deliveries = new RecordService(client, '_webhookDeliveries');
  }

  /** Sends a `webhook.test` event now (one attempt) and answers its delivery record. */
  test(id: string, opts: RequestOptions = {}): Promise<WebhookDeliveryRecord> {
    return this.client.transport.send(`/api/webhooks/${encodeURIComponent(id)}/test`, { ...opts, method: 'POST' });
  }

  /** Replaces the webhook's signing secret with a new one; the answer is the only time it is shown. */
  rotateSecret(id: string, opts: RequestOptions = {}): Promise<WebhookRecord & { secret: string }> {
    return this.client.transport.send(`/api/webhooks/${encodeURIComponent(id)}/rotate-secret`, { ...opts, method: 'POST' });
  }

  /** Starts a new attempt chain for a logged delivery (same event id and body). */
  async replay(deliveryId: string, opts: RequestOptions = {}): Promise<void> {
    await this.client.transport.send(`/api/webhooks/deliveries/${encodeURIComponent(deliveryId)}/replay`, { ...opts, method: 'POST' });
  }
}

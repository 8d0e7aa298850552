/**
 * Operator actions on webhooks: send a test event now (one attempt, logged, no retries) and replay a logged
 * delivery (a new attempt chain with the same event id and body, on the normal retry schedule), and rotate a
 * webhook's write-only secret.
 */
import type { App } from '../core/app.js';
import { WEBHOOKS } from '../core/collections/collection-system-builtins.js';
import { updateRecord } from '../core/records/record-update.js';
import type { RecordJSON, RecordsContext } from '../core/records/records-context.js';
import { badRequest, notFound } from '../core/errors.js';
import { newRecordId } from '../core/ids.js';
import { newEventId } from '../events/domain-event.js';
import type { RecordData } from '../storage/port.js';
import { DELIVERY_QUEUE, runAttempt, type DeliveryJob } from './webhook-delivery.js';
import { testPayload } from './webhook-payload.js';
import { newWebhookSecret } from './webhook-signature.js';
import { findDelivery, findWebhook } from './webhook-store.js';

export async function sendTestEvent(app: App, webhookId: string): Promise<RecordData> {
  if (!(await findWebhook(app, webhookId))) throw notFound();
  const body = JSON.stringify(testPayload(webhookId, app.now()));
  const job: DeliveryJob = { webhookId, eventId: newEventId(), type: 'webhook.test', body, attempt: 1, chain: '' };
  const row = await runAttempt(app, job, { retry: false, includeDisabled: true });
  if (!row) throw notFound();
  return row;
}

export async function replayDelivery(app: App, deliveryId: string): Promise<void> {
  const delivery = await findDelivery(app, deliveryId);
  if (!delivery) throw notFound();
  const webhookId = String(delivery.webhook ?? '');
  const webhook = await findWebhook(app, webhookId);
  if (!webhook) throw notFound();
  if (!webhook.enabled) throw badRequest('The webhook is disabled; enable it before replaying a delivery.');
  const payload = delivery.payload;
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const eventId = String(delivery.eventId);
  const chain = `${webhookId}:${eventId}:replay:${newRecordId()}`;
  const job: DeliveryJob = { webhookId, eventId, type: String(delivery.type), body, attempt: 1, chain };
  await app.jobs.enqueue(DELIVERY_QUEUE, job, { dedupId: chain });
}

/**
 * A new signing secret, through the records update use case (validation, hooks, a `record.updated` event): the
 * answer is the webhook with its new secret, the only read that ever shows it. Deliveries sign with it from now.
 */
export function rotateWebhookSecret(ctx: RecordsContext, webhookId: string): Promise<RecordJSON> {
  return updateRecord(ctx, WEBHOOKS, webhookId, { secret: newWebhookSecret() });
}

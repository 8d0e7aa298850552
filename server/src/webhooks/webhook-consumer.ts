/**
 * Wires webhooks to the App: the delivery job, and a durable consumer of committed events that turns each
 * record event into one delivery job per matching webhook (enqueued per outbox read, in one round trip). The job's dedup id `${webhookId}:${eventId}` makes
 * this safe to run on every instance and to redeliver after a crash (at-least-once, never twice enqueued).
 */
import type { App } from '../core/app.js';
import { WEBHOOK_DELIVERIES, WEBHOOKS } from '../core/collections/collection-system-builtins.js';
import type { CommittedEvent } from '../events/domain-event.js';
import { DELIVERY_QUEUE, runAttempt, type DeliveryJob } from './webhook-delivery.js';
import { isRecordEventType, subscribes } from './webhook-match.js';
import { passesFilter, recordPayload, type RecordEvent } from './webhook-payload.js';
import { pruneCreatedBefore } from '../logs/log-retention.js';
import { WebhookCache } from './webhook-cache.js';
import { batchedDeliveryLog, type Webhook } from './webhook-store.js';

export const WEBHOOKS_CONSUMER = 'webhooks';
export const PRUNE_DELIVERIES_JOB = 'webhooks:prune';
/** The delivery log is kept this long (the longest default retry chain is about a day). */
export const DELIVERY_LOG_DAYS = 30;

/**
 * Defines the delivery and delivery-log retention jobs and subscribes the consumer; call before
 * app.jobs.start() / app.events.start(), then await `schedule` once the queue runs.
 */
/**
 * Attempts in flight per instance. A delivery mostly waits on the network, so slots, not CPU, bound the rate:
 * with 8, deliveries fell behind creates under load (about 100/s against 700 creates/s in bench/outbox-overhead.ts)
 * and one slow endpoint held an eighth of the capacity for its whole timeout; with 32 they kept up several
 * times better at the same CPU cost per delivery.
 */
const DELIVERY_CONCURRENCY = 32;

export function registerWebhooks(app: App): { unsubscribe: () => void; schedule: () => Promise<void> } {
  app.jobs.define({
    name: PRUNE_DELIVERIES_JOB,
    handle: async () => void (await pruneCreatedBefore(app, WEBHOOK_DELIVERIES, DELIVERY_LOG_DAYS)),
    options: { attempts: 3 },
  });
  const cache = new WebhookCache(app);
  const record = batchedDeliveryLog(app);
  app.jobs.define<DeliveryJob>({
    name: DELIVERY_QUEUE,
    handle: async (job) => void (await runAttempt(app, job, { retry: true, includeDisabled: false, find: (id) => cache.find(id), record })),
    // Retries here only cover infrastructure failures (storage down while logging); HTTP failures are
    // rescheduled by runAttempt itself on the webhook retry schedule.
    options: { attempts: 10, backoff: { type: 'exponential', delayMs: 1000 }, concurrency: DELIVERY_CONCURRENCY },
  });
  const unsubscribe = app.events.subscribeBatch(WEBHOOKS_CONSUMER, createWebhookConsumer(app, cache), { mode: 'durable' });
  return { unsubscribe, schedule: () => app.jobs.schedule('webhooksDeliveriesCleanup', '30 * * * *', PRUNE_DELIVERIES_JOB) };
}

/**
 * The consumer's handler: one delivery job per matching enabled webhook of each record event, all jobs of one
 * outbox read enqueued together. A `_webhooks` change in the batch refreshes the list for the events after it.
 */
export function createWebhookConsumer(app: App, cache = new WebhookCache(app)): (events: CommittedEvent[]) => Promise<void> {
  return async (events) => {
    const jobs: DeliveryJob[] = [];
    for (const event of events) {
      if (!isRecordEventType(event.type)) continue;
      if ((event as RecordEvent).data.collectionName === WEBHOOKS) cache.invalidate();
      jobs.push(...(await deliveriesOf(app, event, await cache.enabled())));
    }
    await app.jobs.enqueueMany(DELIVERY_QUEUE, jobs.map((job) => ({ payload: job, options: { dedupId: job.chain } })));
  };
}

async function deliveriesOf(app: App, event: CommittedEvent, enabled: Webhook[]): Promise<DeliveryJob[]> {
  if (enabled.length === 0) return [];
  const recordEvent = event as RecordEvent;
  const find = () => app.collections.get(recordEvent.data.collectionId) ?? app.collections.get(recordEvent.data.collectionName);
  // Another instance may have created the collection after this one loaded its registry.
  if (!find()) await app.collections.load(app.storage);
  const collection = find();
  if (!collection) return [];
  const webhooks = enabled.filter((w) => subscribes(w.events, collection.name, recordEvent.type));
  if (webhooks.length === 0) return [];
  const body = JSON.stringify(recordPayload(collection, recordEvent));
  const jobs: DeliveryJob[] = [];
  for (const webhook of webhooks) {
    if (!(await passesFilter(app, collection, webhook.filter, recordEvent))) continue;
    const chain = `${webhook.id}:${event.id}`;
    jobs.push({ webhookId: webhook.id, eventId: event.id, type: event.type, body, attempt: 1, chain });
  }
  return jobs;
}

/**
 * "After" hooks, fed by the committed-event stream. A durable consumer turns each committed event into one job
 * per matching handler, deduplicated on `${handlerId}:${eventId}`: every instance runs the consumer, yet each
 * handler runs once per change, and only for changes that committed. The job carries the event's position, not
 * the record (no secrets in job payloads); the handler reads the event back from the outbox.
 *
 * A failing handler never reaches the request that caused the event: each failure is logged and counted in
 * `plinth_plugin_hook_failures_total{plugin, hook}`, retried (3 attempts in all), then left in the failed jobs.
 */
import { Counter } from 'prom-client';
import type { App } from '../core/app.js';
import type { BoundHandler, Hook } from '../core/hooks/hook-chain.js';
import { collectionTags, type AppHooks, type CollectionAfterEvent, type RecordAfterEvent } from '../core/hooks/record-hook-events.js';
import type { CollectionEventData, CommittedEvent, DomainEventType, RecordEventData } from '../events/domain-event.js';
import { toCommittedEvent } from '../events/domain-event.js';

export const AFTER_HOOKS_CONSUMER = 'plugins:after-hooks';
export const AFTER_HOOK_JOB = 'plugins:after-hook';

type AfterPoint = 'recordAfterCreate' | 'recordAfterUpdate' | 'recordAfterDelete' | 'collectionAfterCreate' | 'collectionAfterUpdate' | 'collectionAfterDelete';

// A Map, not an object literal: the stream may carry types this version has no point for (written by another
// version, or named like `constructor`), and those must be skipped, never looked up on Object.prototype.
const POINTS: ReadonlyMap<string, AfterPoint> = new Map<DomainEventType, AfterPoint>([
  ['record.created', 'recordAfterCreate'],
  ['record.updated', 'recordAfterUpdate'],
  ['record.deleted', 'recordAfterDelete'],
  ['collection.created', 'collectionAfterCreate'],
  ['collection.updated', 'collectionAfterUpdate'],
  ['collection.deleted', 'collectionAfterDelete'],
]);

interface AfterHookJob {
  point: AfterPoint;
  handlerId: string;
  seq: number;
  eventId: string;
}

type AnyAfterEvent = RecordAfterEvent | CollectionAfterEvent;

const hookOf = (hooks: AppHooks, point: AfterPoint) => hooks[point] as unknown as Hook<AnyAfterEvent>;

/** Hook failures per plugin (the handler id's prefix) and hook point, on the App's own registry. */
export function hookFailureCounter(app: App): Counter<'plugin' | 'hook'> {
  const name = 'plinth_plugin_hook_failures_total';
  const existing = app.metrics.registry.getSingleMetric(name);
  if (existing) return existing as Counter<'plugin' | 'hook'>;
  return new Counter({
    name,
    help: 'Failed runs of plugin "after" hooks (each failed attempt), by plugin and hook point.',
    labelNames: ['plugin', 'hook'] as const,
    registers: [app.metrics.registry],
  });
}

/** Defines the job and subscribes the consumer; call once per App. Returns the unsubscribe function. */
export function registerAfterHooks(app: App): () => void {
  const failures = hookFailureCounter(app);
  app.jobs.define<AfterHookJob>({
    name: AFTER_HOOK_JOB,
    options: { attempts: 3, backoff: { type: 'exponential', delayMs: 1000 }, concurrency: 4 },
    async handle(job, ctx) {
      const stored = (await app.storage.readEvents(job.seq - 1, 1))[0];
      if (!stored || stored.id !== job.eventId) {
        app.logger.warn('after hook skipped: its event is no longer in the outbox', { hook: job.handlerId, eventId: job.eventId });
        return;
      }
      const committed = toCommittedEvent(stored);
      const built = await afterEvent(app, committed);
      if (!built) return;
      const bound = hookOf(app.hooks, job.point).handlersFor(built.tags).find((h) => h.id === job.handlerId);
      if (!bound) return; // unbound since (or on this instance never bound): nothing to run
      try {
        await bound.handler(built.event, async () => {});
      } catch (err) {
        failures.inc({ plugin: job.handlerId.split(':')[0], hook: job.point });
        app.logger.error('plugin after hook failed', {
          hook: job.handlerId,
          point: job.point,
          eventId: job.eventId,
          attempt: ctx.attempt,
          error: err instanceof Error ? { message: err.message, stack: err.stack } : String(err),
        });
        throw err;
      }
    },
  });
  return app.events.subscribe(AFTER_HOOKS_CONSUMER, (event) => enqueueAfterHooks(app, event), { mode: 'durable' });
}

async function enqueueAfterHooks(app: App, event: CommittedEvent): Promise<void> {
  const point = POINTS.get(event.type);
  if (!point) return;
  const hook = hookOf(app.hooks, point);
  if (!hook.has(tagsOf(event))) return;
  const built = await afterEvent(app, event);
  if (!built) return;
  const handlers: BoundHandler<AnyAfterEvent>[] = hook.handlersFor(built.tags);
  for (const h of handlers) {
    const job: AfterHookJob = { point, handlerId: h.id, seq: event.seq, eventId: event.id };
    await app.jobs.enqueue(AFTER_HOOK_JOB, job, { dedupId: `${h.id}:${event.id}` });
  }
}

const tagsOf = (event: CommittedEvent): string[] => {
  const data = event.data as Partial<CollectionEventData>;
  return collectionTags({ id: String(data.collectionId), name: String(data.collectionName) });
};

async function afterEvent(app: App, event: CommittedEvent): Promise<{ event: AnyAfterEvent; tags: string[] } | null> {
  const base = { eventId: event.id, occurredAt: event.occurredAt };
  const tags = tagsOf(event);
  if (event.type.startsWith('collection.')) {
    const data = event.data as CollectionEventData;
    if (event.type !== 'collection.deleted' && !app.collections.get(data.collectionId)) await app.collections.load(app.storage);
    const collection = event.type === 'collection.deleted' ? undefined : app.collections.get(data.collectionId);
    return { event: { ...base, collectionId: data.collectionId, collectionName: data.collectionName, collection }, tags };
  }
  const data = event.data as RecordEventData & { actor?: RecordAfterEvent['actor'] };
  const find = () => app.collections.get(data.collectionId);
  // Another instance may have created the collection after this one loaded its registry.
  if (!find()) await app.collections.load(app.storage);
  const collection = find();
  if (!collection) return null;
  const out: RecordAfterEvent = { ...base, collection, record: data.record, ...(data.previous ? { previous: data.previous } : {}), ...(data.actor !== undefined ? { actor: data.actor } : {}) };
  return { event: out, tags };
}

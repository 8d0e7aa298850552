/**
 * Outbox lag for `plinth_outbox_lag_seconds`: the age of the oldest committed event that a durable consumer
 * has not yet acknowledged (0 when all are caught up; null before a consumer has a cursor). Read from the
 * consumers' stored cursors, so it reflects every instance's progress, not just this one's.
 */
import { cursorKey } from '../events/event-consumer.js';
import type { StorageAdapter } from '../storage/port.js';

export async function outboxLagSeconds(storage: StorageAdapter, durableConsumers: readonly string[], now: Date = new Date()): Promise<number | null> {
  if (durableConsumers.length === 0) return 0;
  const cursors: number[] = [];
  for (const name of durableConsumers) {
    const cursor = await storage.getValue(cursorKey(name));
    if (typeof cursor !== 'number') return null;
    cursors.push(cursor);
  }
  const [oldest] = await storage.readEvents(Math.min(...cursors), 1);
  if (!oldest) return 0;
  return Math.max(0, (now.getTime() - Date.parse(oldest.occurredAt)) / 1000);
}

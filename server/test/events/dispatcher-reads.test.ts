/**
 * What the dispatcher costs the database under a stream of commits: consumers woken by the same commits share
 * one outbox read, a process is not woken again by its own NOTIFY, and durable cursors are stored without
 * a close (throttled, not dropped).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.js';
import { newEventId, type CommittedEvent } from '../../src/events/domain-event.js';
import { OutboxDispatcher } from '../../src/events/dispatcher.js';
import { cursorKey } from '../../src/events/event-consumer.js';
import { createStorage } from '../../src/storage/create-storage.js';
import type { OutboxEvent, StorageAdapter } from '../../src/storage/port.js';
import { createTestDatabase, testBackends, type TestDatabase } from '../support/test-database.js';
import { sleep, uniqueJobName as uniqueName, waitFor } from '../jobs/wait-for.js';

const event = (n: number): OutboxEvent => ({
  id: newEventId(),
  type: 'record.created',
  data: { collectionId: 'c1', collectionName: 'posts', record: { id: `r${n}`, n } },
  occurredAt: new Date().toISOString(),
});

/** The storage with its outbox reads counted. */
function counting(storage: StorageAdapter): { storage: StorageAdapter; reads: () => number } {
  let reads = 0;
  const proxy = new Proxy(storage, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (prop === 'readEvents') {
        return (...args: Parameters<StorageAdapter['readEvents']>) => {
          reads++;
          return target.readEvents(...args);
        };
      }
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { storage: proxy, reads: () => reads };
}

for (const backend of testBackends) {
  describe(`outbox dispatcher reads (${backend})`, () => {
    let db: TestDatabase;
    let storage: StorageAdapter;
    let bus: OutboxDispatcher | undefined;

    beforeAll(async () => {
      db = await createTestDatabase(backend);
      storage = await createStorage(db.database, silentLogger);
      await storage.migrate();
    });
    afterAll(async () => {
      await bus?.close();
      await storage?.close();
      await db?.dispose();
    });

    it('wakes each consumer once per commit, sharing one read, and not again for its own NOTIFY', async () => {
      const counted = counting(storage);
      // No poll within the test: every read comes from a commit's wake-up.
      bus = new OutboxDispatcher(counted.storage, silentLogger, { pollIntervalMs: 120_000 });
      const got: Record<string, CommittedEvent[]> = { a: [], b: [], c: [] };
      for (const name of Object.keys(got)) {
        bus.subscribe(
          uniqueName(name),
          async (e) => {
            // A handler that changes what it was given, before any await: the others must not see it.
            if (name === 'a') delete (e.data as { record?: unknown }).record;
            got[name].push(e);
          },
          { mode: 'live' },
        );
      }
      await bus.start();
      // Let the start-up reads (and, on PostgreSQL, the LISTEN connection) settle.
      await sleep(1_000);
      const before = counted.reads();
      const sent = event(1);
      await storage.appendEvents([sent]);
      await waitFor(() => Object.values(got).every((list) => list.length === 1), 'every consumer');
      // Room for a NOTIFY echo to arrive (10 ms debounce) and wake them once more, had it not been ignored.
      await sleep(500);
      // The three caught-up consumers asked for the same page at once: one read.
      expect(counted.reads() - before).toBe(1);
      expect(Object.values(got).map((list) => list[0].id)).toEqual([sent.id, sent.id, sent.id]);
      // Each consumer has its own copy of the data.
      expect(got.a[0].data).not.toHaveProperty('record');
      expect(got.b[0].data).toEqual(sent.data);
      expect(got.c[0].data).toEqual(sent.data);
      await bus.close();
      bus = undefined;
    });

    it('stores a durable cursor while running, and the last one at close', async () => {
      const name = uniqueName('durable');
      bus = new OutboxDispatcher(storage, silentLogger, { pollIntervalMs: 200 });
      const got: CommittedEvent[] = [];
      bus.subscribe(name, async (e) => void got.push(e), { mode: 'durable' });
      await bus.start();
      for (let i = 0; i < 5; i++) await storage.appendEvents([event(i)]);
      await waitFor(() => got.length === 5, 'the events');
      const last = (await storage.readEvents(0, 10_000)).find((e) => e.id === got[4].id)!.seq;
      await waitFor(async () => (await storage.getValue(cursorKey(name))) === last, 'the stored cursor');
      await storage.appendEvents([event(5)]);
      await waitFor(() => got.length === 6, 'the last event');
      await bus.close();
      bus = undefined;
      const final = (await storage.readEvents(last, 10_000)).find((e) => e.id === got[5].id)!.seq;
      expect(await storage.getValue(cursorKey(name))).toBe(final);
    });
  });
}

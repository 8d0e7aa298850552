/**
 * The outbox dispatcher over a real database, per storage backend: order, exactly-once when healthy,
 * at-least-once with a stable id on failure, durable cursors across restarts, live consumers, seq holes,
 * and retention.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.js';
import { newEventId } from '../../src/events/domain-event.js';
import { OutboxDispatcher, type DispatcherOptions } from '../../src/events/dispatcher.js';
import type { CommittedEvent } from '../../src/events/domain-event.js';
import { createStorage } from '../../src/storage/create-storage.js';
import type { OutboxEvent, StorageAdapter } from '../../src/storage/port.js';
import { createTestDatabase, testBackends, type TestDatabase } from '../support/test-database.js';
import { sleep, uniqueJobName as uniqueName, waitFor } from '../jobs/wait-for.js';

const FAST: DispatcherOptions = { pollIntervalMs: 200, retryMinMs: 100, retryMaxMs: 400 };

function event(n: number, occurredAt = new Date()): OutboxEvent {
  return {
    id: newEventId(),
    type: 'record.created',
    data: { collectionId: 'c1', collectionName: 'posts', record: { id: `r${n}`, n } },
    occurredAt: occurredAt.toISOString(),
  };
}

for (const backend of testBackends) {
  describe(`outbox dispatcher (${backend})`, () => {
    let db: TestDatabase;
    let storage: StorageAdapter;
    const dispatchers: OutboxDispatcher[] = [];
    const dispatcher = (options: DispatcherOptions = FAST, over: StorageAdapter = storage) => {
      const d = new OutboxDispatcher(over, silentLogger, options);
      dispatchers.push(d);
      return d;
    };

    beforeAll(async () => {
      db = await createTestDatabase(backend);
      storage = await createStorage(db.database, silentLogger);
      await storage.migrate();
    });
    afterAll(async () => {
      for (const d of dispatchers) await d.close();
      await storage?.close();
      await db?.dispose();
    });

    it('delivers every committed event once, in seq order, across concurrent transactions', async () => {
      const bus = dispatcher();
      const got: CommittedEvent[] = [];
      bus.subscribe(uniqueName('ordered'), async (e) => void got.push(e), { mode: 'durable' });
      await bus.start();
      const written = Array.from({ length: 30 }, (_, i) => [event(3 * i), event(3 * i + 1), event(3 * i + 2)]);
      await Promise.all(written.map((batch) => storage.transaction((tx) => tx.appendEvents(batch))));
      await waitFor(() => got.length >= 90, 'all events');
      await sleep(500);
      expect(got).toHaveLength(90);
      expect(new Set(got.map((e) => e.id))).toEqual(new Set(written.flat().map((e) => e.id)));
      for (let i = 1; i < got.length; i++) expect(got[i].seq).toBeGreaterThan(got[i - 1].seq);
      expect(got[0]).toMatchObject({ type: 'record.created', data: { collectionName: 'posts' }, occurredAt: expect.any(String) });
      // Each transaction's events arrive together and in append order.
      const first = written[0].map((e) => e.id);
      const at = got.findIndex((e) => e.id === first[0]);
      expect(got.slice(at, at + 3).map((e) => e.id)).toEqual(first);
    });

    it('drops the events of a rolled-back transaction or savepoint', async () => {
      const bus = dispatcher();
      const got: string[] = [];
      bus.subscribe(uniqueName('rollback'), async (e) => void got.push(e.id), { mode: 'durable' });
      await bus.start();
      const kept = event(1);
      const lost = [event(2), event(3)];
      await expect(storage.transaction(async (tx) => {
        await tx.appendEvents([lost[0]]);
        throw new Error('rollback');
      })).rejects.toThrow('rollback');
      if (storage.capabilities.transactions) {
        await storage.transaction(async (tx) => {
          await tx
            .transaction(async (inner) => {
              await inner.appendEvents([lost[1]]);
              throw new Error('savepoint rolled back');
            })
            .catch(() => undefined);
          await tx.appendEvents([kept]);
        });
      } else {
        await storage.appendEvents([kept]);
      }
      await waitFor(() => got.includes(kept.id), 'the committed event');
      await sleep(300);
      expect(got).toEqual([kept.id]);
    });

    it('resumes a durable consumer after a restart, redelivering only what it had not acknowledged', async () => {
      const name = uniqueName('resume');
      const first = dispatcher();
      const got1: CommittedEvent[] = [];
      let poison = '';
      first.subscribe(name, async (e) => {
        if (e.id === poison) throw new Error('handler crashed');
        got1.push(e);
      }, { mode: 'durable' });
      await first.start();
      const before = [event(1), event(2), event(3)];
      for (const e of before) await storage.appendEvents([e]);
      await waitFor(() => got1.length === 3, 'the first events');
      const failing = event(4);
      poison = failing.id;
      await storage.appendEvents([failing]);
      await sleep(600);
      await first.close();
      const later = [event(5), event(6)];
      for (const e of later) await storage.appendEvents([e]);

      // A new process: the same consumer name picks up at the first unacknowledged event, with its id.
      const second = dispatcher();
      const got2: CommittedEvent[] = [];
      second.subscribe(name, async (e) => void got2.push(e), { mode: 'durable' });
      await second.start();
      await waitFor(() => got2.length === 3, 'the remaining events');
      await sleep(300);
      expect(got2.map((e) => e.id)).toEqual([failing.id, ...later.map((e) => e.id)]);
      expect(got1.map((e) => e.id)).toEqual(before.map((e) => e.id));
    });

    it('retries a failing event with the same id, holding later events back until it succeeds', async () => {
      const bus = dispatcher();
      const attempts: string[] = [];
      const flaky = event(1);
      const next = event(2);
      let failures = 0;
      bus.subscribe(uniqueName('retry'), async (e) => {
        attempts.push(e.id);
        if (e.id === flaky.id && failures++ < 2) throw new Error('receiver 500');
      }, { mode: 'durable' });
      await bus.start();
      await storage.appendEvents([flaky]);
      await storage.appendEvents([next]);
      await waitFor(() => attempts.includes(next.id), 'the next event');
      expect(attempts).toEqual([flaky.id, flaky.id, flaky.id, next.id]);
    });

    it('hands a batch consumer each read as one batch, in order, and retries a failed batch whole', async () => {
      const bus = dispatcher({ ...FAST, batchSize: 5 });
      const batches: string[][] = [];
      let failures = 0;
      bus.subscribeBatch(uniqueName('batch'), async (events) => {
        batches.push(events.map((e) => e.id));
        if (failures++ < 1) throw new Error('storage down');
      }, { mode: 'durable' });
      await bus.start();
      const written = Array.from({ length: 12 }, (_, i) => event(i));
      await storage.transaction((tx) => tx.appendEvents(written));
      const ids = written.map((e) => e.id);
      await waitFor(() => batches.slice(1).flat().length >= 12, 'every event after the failed batch');
      await sleep(300);
      // The failed first batch comes again as it was; no batch exceeds the read size; nothing is lost or repeated after.
      expect(batches[1]).toEqual(batches[0]);
      expect(batches.slice(1).flat()).toEqual(ids);
      for (const b of batches) expect(b.length).toBeLessThanOrEqual(5);
    });

    it('starts a live consumer at the tail and keeps going after a failure', async () => {
      await storage.appendEvents([event(1), event(2)]);
      const bus = dispatcher();
      const got: string[] = [];
      await bus.start();
      bus.subscribe(uniqueName('live'), async (e) => {
        got.push(e.id);
        if (got.length === 1) throw new Error('ignored');
      }, { mode: 'live' });
      await sleep(300);
      const fresh = [event(3), event(4)];
      await storage.appendEvents([fresh[0]]);
      await storage.appendEvents([fresh[1]]);
      await waitFor(() => got.length === 2, 'the new events');
      await sleep(300);
      expect(got).toEqual(fresh.map((e) => e.id));
    });

    it('waits for a seq committed late instead of skipping it, and steps over a hole for good after the timeout', async () => {
      const hidden = new Set<string>();
      // A storage view in which some rows are "not committed yet".
      const view = new Proxy(storage, {
        get(target, prop, receiver) {
          if (prop === 'readEvents') {
            return async (after: number, limit: number) => (await target.readEvents(after, limit)).filter((e) => !hidden.has(e.id));
          }
          const value = Reflect.get(target, prop, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const bus = dispatcher({ ...FAST, gapTimeoutMs: 60_000 }, view);
      const got: string[] = [];
      bus.subscribe(uniqueName('gap'), async (e) => void got.push(e.id), { mode: 'durable' });
      await bus.start();
      const [a, late, c] = [event(1), event(2), event(3)];
      hidden.add(late.id);
      for (const e of [a, late, c]) await storage.appendEvents([e]);
      await waitFor(() => got.length === 1, 'the event before the hole');
      await sleep(600);
      expect(got).toEqual([a.id]);
      hidden.delete(late.id);
      bus.notifyCommitted();
      await waitFor(() => got.length === 3, 'the late event and the one after it');
      expect(got).toEqual([a.id, late.id, c.id]);

      const quick = dispatcher({ ...FAST, gapTimeoutMs: 500 }, view);
      const got2: string[] = [];
      quick.subscribe(uniqueName('hole'), async (e) => void got2.push(e.id), { mode: 'durable' });
      await quick.start();
      const [lost, after] = [event(4), event(5)];
      hidden.add(lost.id);
      await storage.appendEvents([lost]);
      await storage.appendEvents([after]);
      await waitFor(() => got2.includes(after.id), 'the event after a permanent hole');
      expect(got2).toEqual([after.id]);
    });

    it('prunes old events that every durable consumer has passed', async () => {
      const old = new Date(Date.now() - 3 * 24 * 60 * 60 * 1000);
      const bus = dispatcher();
      const got: string[] = [];
      bus.subscribe(uniqueName('prune'), async (e) => void got.push(e.id), { mode: 'durable' });
      await bus.start();
      const stale = [event(1, old), event(2, old)];
      await storage.appendEvents(stale);
      const recent = event(3);
      await storage.appendEvents([recent]);
      await waitFor(() => got.includes(recent.id), 'delivery');
      // Other suites' consumers here are closed or done: only durable consumers of this dispatcher count.
      expect(await bus.prune()).toBeGreaterThanOrEqual(2);
      const left = await storage.readEvents(0, 10_000);
      expect(left.some((e) => stale.some((s) => s.id === e.id))).toBe(false);
      expect(left.some((e) => e.id === recent.id)).toBe(true);
    });
  });
}

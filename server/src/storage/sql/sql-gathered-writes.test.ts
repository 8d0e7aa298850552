/**
 * Creates and updates made in one turn go to PostgreSQL as one statement (sql-gathered-writes.ts): on a
 * single pooled connection pg_prepared_statements shows the statements that wrote them, and the outbox holds
 * their events in call order. Refusals, missing records and repeated ids are covered by the storage
 * conformance suite (all backends).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/test-database.js';
import { singleConnectionStorage, type SingleConnectionStorage } from '../../../test/support/single-connection-postgres.js';
import { column, tableSchema } from '../conformance/conformance-tables.js';
import type { OutboxEvent } from '../port.js';
import type { SqlStorage } from './sql-storage.js';

const created = (type = 'record.created'): OutboxEvent => ({ id: randomUUID(), type, occurredAt: new Date().toISOString(), data: { collectionName: 'gi_posts' } });

describe.runIf(testBackends.includes('postgres'))('creates gathered per turn on PostgreSQL', () => {
  let pg: SingleConnectionStorage;
  let storage: SqlStorage;
  const table = tableSchema('gi_posts', [column('title', 'text'), column('n', 'number')]);
  const statementsWith = (text: string) => pg.prepared(text);

  beforeAll(async () => {
    pg = await singleConnectionStorage();
    storage = pg.storage;
    await storage.createCollection(table, {});
  });
  afterAll(async () => {
    await pg?.close();
  });

  it('writes them with their events in one statement, events in call order', async () => {
    const since = await storage.latestEventSeq();
    const writes = ['a', 'b', 'c', 'd'].map((id, i) => ({ data: i === 2 ? { id, title: id } : { id, title: id, n: i }, event: created() }));
    const stored = await Promise.all(writes.map((w) => storage.insertWithEvent(table, w.data, w.event)));
    // A row that does not set a column gets its default, as a write of its own would.
    expect(stored).toEqual([
      { id: 'a', title: 'a', n: 0 },
      { id: 'b', title: 'b', n: 1 },
      { id: 'c', title: 'c', n: 0 },
      { id: 'd', title: 'd', n: 3 },
    ]);
    const statements = await statementsWith('INSERT INTO "gi_posts"');
    expect(statements).toHaveLength(1);
    expect(statements[0]).toContain('VALUES ($1, $2, $3), ($4, $5, $6), ($7, $8, DEFAULT), ($9, $10, $11)');

    const events = await storage.readEvents(since, 10);
    expect(events.map((e) => e.id)).toEqual(writes.map((w) => w.event.id));
    expect(events.map((e) => (e.data as { record: unknown }).record)).toEqual(stored);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => events[0].seq + i));
  });

  it('writes updates that set the same columns in one statement, events in call order with their records', async () => {
    const since = await storage.latestEventSeq();
    const updates = [
      { id: 'd', data: { n: 40 } },
      { id: 'a', data: { n: 10 } },
      { id: 'missing', data: { n: 0 } },
      { id: 'b', data: { title: 'B' } },
    ].map((u) => ({ ...u, event: created('record.updated') }));
    const stored = await Promise.all(updates.map((u) => storage.updateWithEvent(table, u.id, u.data, u.event)));
    expect(stored).toEqual([{ id: 'd', title: 'd', n: 40 }, { id: 'a', title: 'a', n: 10 }, null, { id: 'b', title: 'B', n: 1 }]);
    // The three that set n shared one statement; the one that sets title went alone.
    const gathered = await statementsWith('UPDATE "gi_posts" SET "n" = "_v"."_c0" FROM "_v"');
    expect(gathered).toHaveLength(1);
    expect(gathered[0]).toContain('($1::int, $2::text, $3::text, $4::text, $5::timestamptz, $6::jsonb, $7::double precision)');
    expect(await statementsWith('UPDATE "gi_posts" SET "title" = $1 WHERE "id" = $2')).toHaveLength(1);

    const events = await storage.readEvents(since, 10);
    const byId = new Map(events.map((e) => [e.id, e]));
    expect([updates[0], updates[1]].map((u) => byId.get(u.event.id)!.seq)).toEqual([events[0].seq, events[0].seq + 1]);
    expect(byId.has(updates[2].event.id)).toBe(false);
    for (const [i, u] of updates.entries()) if (stored[i]) expect((byId.get(u.event.id)!.data as { record: unknown }).record).toEqual(stored[i]);
  });

  it('writes a record changed twice in one turn in call order', async () => {
    const since = await storage.latestEventSeq();
    const twice = [{ n: 7 }, { n: 8 }, { n: 9 }].map((data) => ({ data, event: created('record.updated') }));
    const stored = await Promise.all(twice.map((u) => storage.updateWithEvent(table, 'c', u.data, u.event)));
    expect(stored.map((r) => r?.n)).toEqual([7, 8, 9]);
    expect((await storage.find({ table, where: undefined })).find((r) => r.id === 'c')?.n).toBe(9);
    expect((await storage.readEvents(since, 10)).map((e) => e.id)).toEqual(twice.map((u) => u.event.id));
  });
});

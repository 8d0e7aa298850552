/**
 * Creates made in one turn go to PostgreSQL as one statement (sql-gathered-inserts.ts): on a single pooled
 * connection pg_prepared_statements shows the statement that wrote them, and the outbox holds their events
 * in call order. Refusals and duplicate ids are covered by the storage conformance suite (all backends).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/logger.js';
import { createTestDatabase, testBackends, type TestDatabase } from '../../../test/support/test-database.js';
import { column, tableSchema } from '../conformance/conformance-tables.js';
import type { OutboxEvent } from '../port.js';
import { openPostgres, type SqlConnection } from './sql-connection.js';
import { SqlStorage } from './sql-storage.js';

const created = (): OutboxEvent => ({ id: randomUUID(), type: 'record.created', occurredAt: new Date().toISOString(), data: { collectionName: 'gi_posts' } });

describe.runIf(testBackends.includes('postgres'))('creates gathered per turn on PostgreSQL', () => {
  let db: TestDatabase;
  let connection: SqlConnection;
  let storage: SqlStorage;
  const table = tableSchema('gi_posts', [column('title', 'text'), column('n', 'number')]);
  const writesOf = async () =>
    ((await connection.knex.raw('SELECT statement FROM pg_prepared_statements')).rows as { statement: string }[])
      .map((r) => r.statement)
      .filter((s) => s.includes('INSERT INTO "gi_posts"'));

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    if (db.database.kind !== 'postgres') throw new Error('postgres expected');
    // One connection: the session whose prepared statements the test reads is the one the writes used.
    connection = await openPostgres(db.database.url, silentLogger, { maxConnections: 1 });
    storage = new SqlStorage(connection, silentLogger);
    await storage.migrate();
    await storage.createCollection(table, {});
  });
  afterAll(async () => {
    await connection?.close();
    await db?.dispose();
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
    const statements = await writesOf();
    expect(statements).toHaveLength(1);
    expect(statements[0]).toContain('VALUES ($1, $2, $3), ($4, $5, $6), ($7, $8, DEFAULT), ($9, $10, $11)');

    const events = await storage.readEvents(since, 10);
    expect(events.map((e) => e.id)).toEqual(writes.map((w) => w.event.id));
    expect(events.map((e) => (e.data as { record: unknown }).record)).toEqual(stored);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => events[0].seq + i));
  });
});

/**
 * Record SQL sent straight to pg on a real PostgreSQL: which statements are prepared, that a schema change under
 * a prepared statement still answers, that transactions keep their own connection, and that preparing can be
 * turned off. One pooled connection, so the session
 * whose pg_prepared_statements the test reads is the one the storage used.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { testBackends } from '../../../test/support/test-database.js';
import { singleConnectionStorage, textEquals as eq, type SingleConnectionStorage } from '../../../test/support/single-connection-postgres.js';
import type { Condition } from '../../filter/condition.js';
import { column, tableSchema } from '../conformance/conformance-tables.js';
import { isKeyLookup } from './sql-record-statements.js';

describe('isKeyLookup', () => {
  it('is true only where the id pins the row whatever the parameters', () => {
    expect(isKeyLookup(eq('id', 'a'))).toBe(true);
    expect(isKeyLookup({ kind: 'and', items: [eq('status', 'x'), eq('id', 'a')] })).toBe(true);
    expect(isKeyLookup({ kind: 'or', items: [eq('id', 'a'), eq('id', 'b')] })).toBe(true);
    expect(isKeyLookup({ kind: 'or', items: [eq('id', 'a'), eq('status', 'b')] })).toBe(false);
    expect(isKeyLookup(eq('status', 'published'))).toBe(false);
    expect(isKeyLookup({ ...eq('id', 'a'), op: 'neq' } as Condition)).toBe(false);
    expect(isKeyLookup(undefined)).toBe(false);
  });
});

describe.runIf(testBackends.includes('postgres'))('prepared record statements on PostgreSQL', () => {
  const opened: SingleConnectionStorage[] = [];

  async function open(preparedStatements: boolean): Promise<SingleConnectionStorage> {
    const opening = await singleConnectionStorage({ preparedStatements });
    opened.push(opening);
    return opening;
  }

  afterEach(async () => {
    for (const o of opened.splice(0)) await o.close();
  });

  it('prepares reads by id and single-statement writes, not filtered lists', async () => {
    const { storage, prepared } = await open(true);
    const table = tableSchema('ps_posts', [column('title', 'text'), column('status', 'text')]);
    await storage.createCollection(table, {});
    const event = (id: string) => ({ id, type: 'record.created', occurredAt: new Date().toISOString(), data: {} });
    await storage.insertWithEvent(table, { id: 'a', title: 'first', status: 'draft' }, event('e1'));
    await storage.insertWithEvent(table, { id: 'b', title: 'second', status: 'draft' }, event('e2'));
    expect((await storage.find({ table, where: eq('id', 'a') })).map((r) => r.title)).toEqual(['first']);
    expect(await storage.count({ table, where: eq('id', 'b') })).toBe(1);
    expect((await storage.find({ table, where: eq('status', 'draft') })).map((r) => r.id)).toEqual(['a', 'b']);

    const statements = await prepared();
    expect(statements.filter((s) => s.startsWith('WITH "_w" AS (INSERT INTO "ps_posts"'))).toHaveLength(1);
    expect(statements.filter((s) => s.includes('FROM "ps_posts"') && s.includes('"t"."id" = $1'))).toHaveLength(2);
    expect(statements.some((s) => s.includes('"status" = '))).toBe(false);
    // The second run of the same lookup reuses the statement rather than preparing another.
    await storage.find({ table, where: eq('id', 'b') });
    expect(await prepared()).toHaveLength(statements.length);
  });

  it('answers after a column under a prepared statement was dropped and re-added with another type', async () => {
    const { storage } = await open(true);
    const asText = tableSchema('ps_types', [column('score', 'text')]);
    await storage.createCollection(asText, {});
    await storage.insert(asText, { id: 'a', score: 'high' });
    expect(await storage.find({ table: asText, where: eq('id', 'a') })).toEqual([{ id: 'a', score: 'high' }]);
    const asNumber = tableSchema('ps_types', [column('score', 'number', 0, 'f_score2')]);
    await storage.updateCollection(asText, asNumber, {});
    await storage.update(asNumber, 'a', { score: 7 });
    expect(await storage.find({ table: asNumber, where: eq('id', 'a') })).toEqual([{ id: 'a', score: 7 }]);
  });

  it("runs inside a transaction on the transaction's connection: its own uncommitted rows, no second connection", async () => {
    const { storage } = await open(true);
    const table = tableSchema('ps_tx', [column('title', 'text')]);
    await storage.createCollection(table, {});
    const seen = await storage
      .transaction(async (tx) => {
        await tx.insert(table, { id: 'a', title: 'inside' });
        // One pooled connection, held by the transaction: a read that asked the pool would wait for ever.
        const rows = await tx.find({ table, where: eq('id', 'a') });
        throw Object.assign(new Error('roll back'), { rows });
      })
      .catch((err: { rows?: unknown }) => err.rows);
    expect(seen).toEqual([{ id: 'a', title: 'inside' }]);
    expect(await storage.find({ table, where: eq('id', 'a') })).toEqual([]);
  });

  it('prepares nothing when turned off (PgBouncer in transaction mode)', async () => {
    const { storage, prepared } = await open(false);
    const table = tableSchema('ps_off', [column('title', 'text')]);
    await storage.createCollection(table, {});
    await storage.insert(table, { id: 'a', title: 't' });
    expect(await storage.find({ table, where: eq('id', 'a') })).toHaveLength(1);
    expect(await prepared()).toEqual([]);
  });
});

/**
 * Reads by id made in one turn of the event loop share one statement (sql-key-lookups.ts). On PostgreSQL with
 * a single pooled connection, pg_prepared_statements shows which statements served them; on every SQL backend
 * each caller gets its own answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../core/logger.js';
import { createTestDatabase, testBackends, type TestDatabase } from '../../../test/support/test-database.js';
import { singleConnectionStorage, textEquals as eq, type SingleConnectionStorage } from '../../../test/support/single-connection-postgres.js';
import { column, tableSchema } from '../conformance/conformance-tables.js';
import { idLookups, singleKeyLookup } from './sql-key-lookups.js';
import { createStorage } from '../create-storage.js';
import type { StorageAdapter } from '../port.js';

const table = tableSchema('kl_posts', [column('title', 'text')]);

describe('singleKeyLookup', () => {
  it('takes each id of an id = x, or an OR of them, and nothing else', () => {
    expect(idLookups(eq('id', 'a'))?.map((l) => l.id)).toEqual(['a']);
    expect(idLookups({ kind: 'or', items: [eq('id', 'a'), eq('id', 'b')] })?.map((l) => l.id)).toEqual(['a', 'b']);
    expect(idLookups({ kind: 'or', items: [eq('id', 'a'), eq('title', 'b')] })).toBeUndefined();
    expect(idLookups({ kind: 'and', items: [eq('id', 'a')] })).toBeUndefined();
    expect(idLookups({ kind: 'or', items: [] })).toBeUndefined();
    expect(idLookups(undefined)).toBeUndefined();
  });

  it('takes only a bare read by id', () => {
    expect(singleKeyLookup({ table, where: eq('id', 'a'), limit: 1 })).toBe('a');
    expect(singleKeyLookup({ table, where: eq('id', 'a') })).toBe('a');
    expect(singleKeyLookup({ table, where: eq('title', 'a'), limit: 1 })).toBeUndefined();
    expect(singleKeyLookup({ table, where: { kind: 'and', items: [eq('id', 'a'), eq('title', 'x')] } })).toBeUndefined();
    expect(singleKeyLookup({ table, where: eq('id', 'a'), offset: 1 })).toBeUndefined();
    expect(singleKeyLookup({ table, where: eq('id', 'a'), limit: 0 })).toBeUndefined();
    expect(singleKeyLookup({ table, where: eq('id', 'a'), sort: [{ kind: 'rowid', direction: 'desc' }] })).toBeUndefined();
    expect(singleKeyLookup({ table })).toBeUndefined();
  });
});

describe.each(testBackends.filter((b) => b !== 'mongodb'))('reads by id gathered per turn: %s', (backend) => {
  let db: TestDatabase;
  let storage: StorageAdapter;

  beforeAll(async () => {
    db = await createTestDatabase(backend);
    storage = await createStorage(db.database, silentLogger);
    await storage.migrate();
    await storage.createCollection(table, {});
    await storage.insertMany(table, [
      { id: 'a', title: 'first' },
      { id: 'b', title: 'second' },
      { id: 'c\\"{,}', title: 'awkward id' },
    ]);
  });
  afterAll(async () => {
    await storage?.close();
    await db?.dispose();
  });

  it('answers each caller with its own record, a missing one with nothing', async () => {
    const find = (id: string) => storage.find({ table, where: eq('id', id), limit: 1 });
    const [a, b, missing, again, awkward] = await Promise.all([find('a'), find('b'), find('nope'), find('a'), find('c\\"{,}')]);
    expect(a).toEqual([{ id: 'a', title: 'first' }]);
    expect(b).toEqual([{ id: 'b', title: 'second' }]);
    expect(missing).toEqual([]);
    expect(again).toEqual(a);
    expect(again[0]).not.toBe(a[0]);
    expect(awkward).toEqual([{ id: 'c\\"{,}', title: 'awkward id' }]);
  });

  it('counts records by id (a relation check) from the same reads', async () => {
    const anyOf = (...ids: string[]) => ({ kind: 'or' as const, items: ids.map((id) => eq('id', id)) });
    const [one, several, none] = await Promise.all([
      storage.count({ table, where: eq('id', 'a') }),
      storage.count({ table, where: anyOf('a', 'b', 'nope', 'b') }),
      storage.count({ table, where: anyOf('nope', 'neither') }),
    ]);
    expect([one, several, none]).toEqual([1, 2, 0]);
  });

  it('fails every caller of a statement that fails', async () => {
    const gone = tableSchema('kl_missing', [column('title', 'text')]);
    const results = await Promise.allSettled([storage.find({ table: gone, where: eq('id', 'a') }), storage.find({ table: gone, where: eq('id', 'b') })]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});

describe.runIf(testBackends.includes('postgres'))('statements behind gathered reads on PostgreSQL', () => {
  let pg: SingleConnectionStorage;
  async function tableWithRows(name: string) {
    const schema = tableSchema(name, [column('title', 'text')]);
    await pg.storage.createCollection(schema, {});
    await pg.storage.insertMany(schema, [{ id: 'a', title: 'first' }, { id: 'b', title: 'second' }]);
    return schema;
  }

  beforeAll(async () => {
    pg = await singleConnectionStorage();
  });
  afterAll(async () => {
    await pg?.close();
  });

  it('sends reads made together as one id = ANY statement', async () => {
    const together = await tableWithRows('kl_together');
    const rows = await Promise.all(['a', 'b', 'x'].map((id) => pg.storage.find({ table: together, where: eq('id', id), limit: 1 })));
    expect(rows.map((r) => r.map((row) => row.title))).toEqual([['first'], ['second'], []]);
    const statements = await pg.prepared('FROM "kl_together"');
    expect(statements).toHaveLength(1);
    expect(statements[0]).toContain('= ANY($1::text[])');
  });

  it('answers counts by id made with reads in the same statement', async () => {
    const mixed = await tableWithRows('kl_mixed');
    const [count, rows] = await Promise.all([
      pg.storage.count({ table: mixed, where: { kind: 'or', items: [eq('id', 'a'), eq('id', 'x')] } }),
      pg.storage.find({ table: mixed, where: eq('id', 'b'), limit: 1 }),
    ]);
    expect(count).toBe(1);
    expect(rows).toEqual([{ id: 'b', title: 'second' }]);
    const statements = await pg.prepared('FROM "kl_mixed"');
    expect(statements).toHaveLength(1);
    expect(statements[0]).toContain('= ANY($1::text[])');
  });

  it('sends a lone read as the single-row statement', async () => {
    const alone = await tableWithRows('kl_alone');
    expect(await pg.storage.find({ table: alone, where: eq('id', 'b'), limit: 1 })).toEqual([{ id: 'b', title: 'second' }]);
    const statements = await pg.prepared('FROM "kl_alone"');
    expect(statements).toHaveLength(1);
    expect(statements[0]).toContain('"t"."id" = $1');
  });
});

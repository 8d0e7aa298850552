/**
 * Pages sorted on an indexed column come straight out of the index, in either direction, at any offset: the
 * index carries the `_rowid` tie-breaker and the tie-breaker follows the sort's direction. Sorting is made
 * prohibitively expensive for the planner, so a plan that still sorts is one the index could not serve.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SortTerm } from '../../filter/condition.js';
import { testBackends } from '../../../test/support/test-database.js';
import { singleConnectionStorage, type SingleConnectionStorage } from '../../../test/support/single-connection-postgres.js';
import { column, indexOn, tableSchema } from '../conformance/conformance-tables.js';
import { findSql } from './sql-records.js';

const byScore = (direction: 'asc' | 'desc'): SortTerm => ({
  kind: 'path',
  direction,
  operand: { kind: 'path', root: { kind: 'base' }, hops: [], field: { name: 'score', type: 'number', storage: 'number', multiple: false }, multi: false, joinKey: 'base' },
});

describe.runIf(testBackends.includes('postgres'))('index-served sort order on PostgreSQL', () => {
  let pg: SingleConnectionStorage;
  const table = tableSchema('io_posts', [column('score', 'number'), column('title', 'text')], [indexOn('idx_score', false, ['score'])]);

  beforeAll(async () => {
    pg = await singleConnectionStorage();
    await pg.storage.createCollection(table, {});
    // Scores 0..49, each on six rows: plenty of ties for the tie-breaker to order.
    await pg.storage.insertMany(table, Array.from({ length: 300 }, (_, i) => ({ id: `r${String(i).padStart(3, '0')}`, score: i % 50, title: `t${i}` })));
  });
  afterAll(async () => {
    await pg?.close();
  });

  async function plan(direction: 'asc' | 'desc'): Promise<string> {
    const { sql, bindings } = findSql({ table, sort: [byScore(direction)], limit: 10, offset: 200 });
    return pg.connection.knex.transaction(async (trx) => {
      await trx.raw('SET LOCAL enable_sort = off');
      await trx.raw('SET LOCAL enable_incremental_sort = off');
      const rows = (await trx.raw(`EXPLAIN ${sql}`, bindings as never[])).rows as { 'QUERY PLAN': string }[];
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
  }

  it.each(['asc', 'desc'] as const)('reads a deep %s page from the index without sorting', async (direction) => {
    const text = await plan(direction);
    expect(text).toContain('Index Scan');
    expect(text).not.toMatch(/Sort/);
  });

  it('breaks ties by insertion order in the direction of the sort', async () => {
    const desc = await pg.storage.find({ table, sort: [byScore('desc')], limit: 7 });
    // score 49: rows 49, 99, 149, 199, 249, 299, newest first; then 48's newest.
    expect(desc.map((r) => r.id)).toEqual(['r299', 'r249', 'r199', 'r149', 'r099', 'r049', 'r298']);
    const asc = await pg.storage.find({ table, sort: [byScore('asc')], limit: 7 });
    expect(asc.map((r) => r.id)).toEqual(['r000', 'r050', 'r100', 'r150', 'r200', 'r250', 'r001']);
  });
});

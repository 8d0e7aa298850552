/**
 * The search plugin's GIN index on PostgreSQL: built when a configured collection appears, used by the
 * search query's plan (the query repeats the index expression), rebuilt when the configured fields change.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import search from '../../../plugins/search/src/index.js';
import { createTestDatabase, startPluginServer, testBackends, waitFor, type PluginServer, type TestDatabase } from './plugin-server.js';

describe.runIf(testBackends.includes('postgres'))('search index (postgres)', () => {
  let db: TestDatabase;
  let server: PluginServer;
  let client: pg.Client;

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    const config = { collections: { docs: { fields: ['title', 'body'], language: 'english' } } };
    server = await startPluginServer({ backend: 'postgres', database: db, plugins: [{ plugin: search, config }] });
    client = new pg.Client({ connectionString: (db.database as { url: string }).url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await server?.close();
    await db?.dispose();
  });

  const searchIndexes = async (table: string) =>
    (await client.query(`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = $1 AND indexname LIKE '\\_fts\\_%'`, [table])).rows as {
      indexname: string;
      indexdef: string;
    }[];

  it('creates a GIN index the search query uses', async () => {
    const docs = await server.admin.collections.create({ name: 'docs', type: 'base', fields: [{ name: 'title', type: 'text' }, { name: 'body', type: 'text' }] });
    const [index] = await waitFor(async () => {
      const found = await searchIndexes('docs');
      return found.length ? found : null;
    }, 'the search index');
    expect(index.indexname).toMatch(new RegExp(`^_fts_${docs.id}_`));
    expect(index.indexdef).toContain('USING gin');
    expect(index.indexdef).toContain("to_tsvector('english'::regconfig");

    await server.admin.collection('docs').create({ title: 'indexed words', body: 'searchable' });
    await client.query('SET enable_seqscan = off');
    const plan = await client.query(
      `EXPLAIN SELECT * FROM "docs" AS "t" WHERE to_tsvector('english'::regconfig, coalesce("t"."title", '') || ' ' || coalesce("t"."body", '')) @@ websearch_to_tsquery('english'::regconfig, 'words')`,
    );
    expect(plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n')).toContain(index.indexname);
    const found = await server.admin.send('/api/search/docs', { query: { q: 'word' } });
    expect(found.totalItems).toBe(1);
  });

  it('rebuilds the index after the collection changes', async () => {
    const before = (await searchIndexes('docs')).map((i) => i.indexname);
    await server.admin.collections.update('docs', { name: 'docs', fields: [...(await server.admin.collections.getOne('docs')).fields, { name: 'extra', type: 'text' }] });
    // Same spec: the index is kept (idempotent), never duplicated.
    await new Promise((r) => setTimeout(r, 1500));
    expect((await searchIndexes('docs')).map((i) => i.indexname)).toEqual(before);
  });
});

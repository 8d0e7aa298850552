/**
 * The search plugin on MongoDB storage (FerretDB here): a hidden words array per search spec under a multikey
 * index, filled for existing records, kept in step by every write (also by an instance that never configured
 * search), never returned nor filterable; and the web-search syntax (phrases, -not, OR) with paging, total and
 * the listRule. Looks at the stored documents directly to see the words field.
 */
import { type Document, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import search from '../../../plugins/search/src/index.js';
import { apiError, createTestDatabase, startPluginServer, testBackends, waitFor, type PluginServer, type TestDatabase } from './plugin-server.js';

const SPECS = '_plinth_search_specs';
type Item = { id: string };
const idsOf = (page: { items: Item[] }) => page.items.map((r) => r.id);

describe.runIf(testBackends.includes('mongodb'))('search index (mongodb)', () => {
  let db: TestDatabase;
  let server: PluginServer;
  let client: MongoClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase('mongodb');
    const config = { collections: { docs: { fields: ['title', 'body'], language: 'english' } } };
    server = await startPluginServer({ backend: 'mongodb', database: db, plugins: [{ plugin: search, config }] });
    client = new MongoClient((db.database as { url: string }).url);
    await client.connect();
    await server.admin.collections.create({
      name: 'docs',
      type: 'base',
      listRule: 'published = true',
      fields: [{ name: 'title', type: 'text' }, { name: 'body', type: 'editor' }, { name: 'published', type: 'bool' }, { name: 'votes', type: 'number' }],
    });
    // The plugin builds the index from a collection hook; records written meanwhile are covered by the test below.
    await waitFor(async () => ((await raw('docs').listIndexes().toArray()).some((ix) => String(ix.name).startsWith('_plinth_search_')) ? true : null), 'the words index');
    const add = async (key: string, data: Record<string, unknown>) => (ids[key] = (await server.admin.collection('docs').create({ published: true, ...data })).id);
    await add('red', { title: 'Red apple pie', body: '<p>A sweet <b>apple</b> recipe</p>', votes: 1 });
    await add('green', { title: 'Green apple', body: 'sour apple, apple juice', votes: 2 });
    await add('cafe', { title: 'Café crème', body: 'coffee with cream', votes: 3 });
    await add('pie', { title: 'Cherry pie', body: 'pie crust and red cherries', votes: 4 });
    await add('hidden', { title: 'Secret apple pie', body: 'apple apple apple', published: false, votes: 5 });
  });
  afterAll(async () => {
    await client?.close();
    await server?.close();
    await db?.dispose();
  });

  const raw = (collection: string) => client.db().collection<Document>(collection);
  const specField = async (collection: string) => {
    const { id } = await server.admin.collections.getOne(collection);
    return waitFor(async () => ((await raw(SPECS).findOne({ _id: id } as Document)) as { field?: string } | null)?.field ?? null, 'the search spec');
  };
  const words = async (collection: string, id: string) => (await raw(collection).findOne({ _id: id } as Document))?.[await specField(collection)] as string[];
  const find = (q: string, extra: Record<string, string> = {}, who = server.admin) => who.send('/api/search/docs', { query: { q, ...extra } });

  it('indexes a hidden words field: lower-cased, diacritics folded, tags skipped, each word once', async () => {
    const field = await specField('docs');
    expect(field).toMatch(/^_plinth_search_[0-9a-f]{10}$/);
    const indexes = await waitFor(async () => {
      const found = (await raw('docs').listIndexes().toArray()).filter((ix) => ix.name === field);
      return found.length ? found : null;
    }, 'the words index');
    expect(indexes[0].key).toEqual({ [field]: 1 });
    expect((await words('docs', ids.red)).sort()).toEqual(['a', 'apple', 'pie', 'recipe', 'red', 'sweet']);
    expect(await words('docs', ids.cafe)).toEqual(['cafe', 'creme', 'coffee', 'with', 'cream']);
    expect(idsOf(await find('CAFÉ'))).toEqual([ids.cafe]);
    expect(idsOf(await find('creme'))).toEqual([ids.cafe]);
  });

  it('keeps the words in step on update, and empties them with the text', async () => {
    const { id } = await server.admin.collection('docs').create({ title: 'Plum tart', body: 'baked', published: true });
    expect((await find('plum')).totalItems).toBe(1);
    await server.admin.collection('docs').update(id, { title: 'Pear tart' });
    expect((await words('docs', id)).sort()).toEqual(['baked', 'pear', 'tart']);
    expect((await find('plum')).totalItems).toBe(0);
    expect(idsOf(await find('pear'))).toEqual([id]);
    await server.admin.collection('docs').update(id, { title: '', body: '' });
    expect(await words('docs', id)).toEqual([]);
    expect((await find('pear')).totalItems).toBe(0);
    await server.admin.collection('docs').delete(id);
  });

  it('still finds a record written without words (racing the creation of the spec)', async () => {
    const field = await specField('docs');
    const { id } = await server.admin.collection('docs').create({ title: 'Fig jam', body: 'apple', published: true });
    await raw('docs').updateOne({ _id: id } as Document, { $unset: { [field]: '' } });
    expect(idsOf(await find('fig'))).toEqual([id]);
    expect(idsOf(await find('"fig jam" -pear'))).toEqual([id]);
    expect((await find('fig -jam')).totalItems).toBe(0);
    await server.admin.collection('docs').update(id, { title: 'Fig jelly' });
    expect((await words('docs', id)).sort()).toEqual(['apple', 'fig', 'jelly']);
    await server.admin.collection('docs').delete(id);
  });

  it('never returns the words field, and refuses it in filters', async () => {
    const field = await specField('docs');
    const record = await server.admin.collection('docs').getOne(ids.red);
    const listed = await server.admin.collection('docs').getList(1, 50);
    const searched = await find('apple');
    for (const row of [record, ...listed.items, ...searched.items]) expect(Object.keys(row).filter((k) => k.startsWith('_plinth'))).toEqual([]);
    const err = await apiError(server.admin.collection('docs').getList(1, 10, { filter: `${field} ?= "apple"` }));
    expect(err.status).toBe(400);
    expect((await apiError(find('apple', { filter: `${field} ?= "apple"` }))).status).toBe(400);
  });

  it('ranks by words found, then by how often, within the listRule', async () => {
    // green has "apple" three times, red once (hidden mentions it most but is not published).
    expect(idsOf(await find('apple', {}, server.guest()))).toEqual([ids.green, ids.red]);
    expect(idsOf(await find('apple'))).toEqual([ids.hidden, ids.green, ids.red]);
    // Both words beat one word, however often.
    expect(idsOf(await find('apple pie', {}, server.guest()))).toEqual([ids.red]);
    // pie has "pie" twice, green "apple" three times.
    expect(idsOf(await find('apple OR pie', {}, server.guest()))).toEqual([ids.red, ids.green, ids.pie]);
  });

  it('matches phrases, exclusions and alternatives', async () => {
    expect(idsOf(await find('"apple pie"'))).toEqual([ids.hidden, ids.red]);
    expect(idsOf(await find('"apple recipe"'))).toEqual([ids.red]);
    expect(idsOf(await find('"recipe apple"'))).toEqual([]);
    // A phrase may span columns, as PostgreSQL's concatenated document does.
    expect(idsOf(await find('"green apple sour"'))).toEqual([ids.green]);
    expect(idsOf(await find('"pie apple"'))).toEqual([ids.hidden]);
    expect(idsOf(await find('apple -pie'))).toEqual([ids.green]);
    expect(idsOf(await find('pie -"apple pie"'))).toEqual([ids.pie]);
    expect(idsOf(await find('cherries OR juice -sour'))).toEqual([ids.pie]);
    expect(idsOf(await find('cream OR -apple'))).toEqual([ids.cafe, ids.pie]);
    expect((await find('& | !')).items).toEqual([]);
  });

  it('pages with an exact total, combined with PocketBase filters', async () => {
    const first = await find('apple OR pie', { perPage: '2' });
    expect(first.totalItems).toBe(4);
    expect(first.totalPages).toBe(2);
    const second = await find('apple OR pie', { perPage: '2', page: '2' });
    expect([...idsOf(first), ...idsOf(second)]).toEqual([ids.hidden, ids.red, ids.green, ids.pie]);
    expect(idsOf(await find('apple', { filter: 'votes >= 2' }))).toEqual([ids.hidden, ids.green]);
  });

  it('is kept in step by another instance that never configured search', async () => {
    const other = await startPluginServer({ backend: 'mongodb', database: db });
    try {
      const { id } = await other.admin.collection('docs').create({ title: 'Quince jelly', published: true });
      expect(await words('docs', id)).toEqual(['quince', 'jelly']);
      expect(idsOf(await find('quince'))).toEqual([id]);
      await other.admin.collection('docs').delete(id);
    } finally {
      await other.close();
    }
  });

  it('ranks and pages exactly beyond what it keeps in memory', async () => {
    await server.admin.collections.create({ name: 'many', type: 'base', fields: [{ name: 'title', type: 'text' }] });
    const table = server.app.collections.table(server.app.collections.require('many'));
    await server.app.storage.ensureSearchIndex!({ table, columns: ['title'], language: 'simple' });
    // One by one: insertion order breaks ties.
    for (let n = 0; n < 130; n++) await server.admin.collection('many').create({ title: `bulk item ${n}${n % 40 === 0 ? ' special' : ''}` });
    const page = (offset: number, limit: number) =>
      server.app.storage.searchRecords!({ table, columns: ['title'], language: 'simple', text: 'bulk OR special', offset, limit });
    // Four "special" titles (0, 40, 80, 120) score higher; equal scores keep insertion order.
    const top = await page(1, 2);
    expect(top.total).toBe(130);
    expect(top.rows.map((r) => r.title)).toEqual(['bulk item 40 special', 'bulk item 80 special']);
    expect((await page(4, 3)).rows.map((r) => r.title)).toEqual(['bulk item 1', 'bulk item 2', 'bulk item 3']);
    expect((await page(128, 10)).rows.map((r) => r.title)).toEqual(['bulk item 128', 'bulk item 129']);
  });

  it('fills existing records when a spec is set, and drops the previous one', async () => {
    await server.admin.collections.create({ name: 'notes', type: 'base', fields: [{ name: 'title', type: 'text' }, { name: 'body', type: 'text' }] });
    const { id } = await server.admin.collection('notes').create({ title: 'Walnut bread', body: 'crunchy' });
    const storage = server.app.storage;
    const table = server.app.collections.table(server.app.collections.require('notes'));
    await storage.ensureSearchIndex!({ table, columns: ['title'], language: 'simple' });
    const first = await specField('notes');
    expect(await words('notes', id)).toEqual(['walnut', 'bread']);
    await storage.ensureSearchIndex!({ table, columns: ['title', 'body'], language: 'simple' });
    const second = await specField('notes');
    expect(second).not.toBe(first);
    expect(await words('notes', id)).toEqual(['walnut', 'bread', 'crunchy']);
    const doc = await raw('notes').findOne({ _id: id } as Document);
    expect(doc).not.toHaveProperty(first);
    const names = (await raw('notes').listIndexes().toArray()).map((ix) => ix.name);
    expect(names).toContain(second);
    expect(names).not.toContain(first);
    const found = await storage.searchRecords!({ table, columns: ['title', 'body'], language: 'simple', text: 'crunchy', limit: 10, offset: 0 });
    expect(found).toEqual({ rows: [expect.objectContaining({ id, title: 'Walnut bread' })], total: 1 });
  });
});

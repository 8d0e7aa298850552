/**
 * The search plugin in a real Plinth, through the official SDK, on each test backend: ranked matches, the
 * listRule and PocketBase filters applied, the `search` parameter on the ordinary list endpoint, bad input
 * as 4xx, and the GIN index in place.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError, startPluginServer, testBackends, type PluginServer } from '../../../server/test/plugins/plugin-server.js';
import search from '../src/index.js';

describe.each(testBackends)('search plugin (%s)', (backend) => {
  let server: PluginServer;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const config = { collections: { articles: { fields: ['title', 'body'], language: 'english' } } };
    server = await startPluginServer({ backend, plugins: [{ plugin: search, config }] });
    // Created after start: the collection hook builds the index.
    await server.admin.collections.create({
      name: 'articles',
      type: 'base',
      listRule: 'published = true',
      fields: [{ name: 'title', type: 'text' }, { name: 'body', type: 'editor' }, { name: 'published', type: 'bool' }, { name: 'votes', type: 'number' }],
    });
    const add = async (key: string, data: Record<string, unknown>) => (ids[key] = (await server.admin.collection('articles').create(data)).id);
    await add('foxTitle', { title: 'The quick brown fox', body: 'jumps over the lazy dog', published: true, votes: 1 });
    await add('foxBody', { title: 'Animals', body: 'A story where a fox appears once', published: true, votes: 5 });
    await add('draft', { title: 'Fox draft', body: 'foxes running, quick foxes', published: false, votes: 3 });
    await add('other', { title: 'Databases', body: 'PostgreSQL text search with GIN indexes', published: true, votes: 2 });
  });
  afterAll(async () => {
    await server?.close();
  });
  // Backends are told apart by the capability their storage declares, never by name: where it is missing
  // (MongoDB today) the plugin answers 400, which the next test asserts; the search tests below need it.
  const fts = () => server.app.storage.capabilities.fullTextSearch === true;

  it('answers 400 on storage without full-text search, and searches where it is declared', async () => {
    const call = server.guest().send('/api/search/articles', { query: { q: 'fox' } });
    const viaList = server.guest().collection('articles').getList(1, 10, { search: 'fox' });
    if (fts()) {
      expect((await call).totalItems).toBe(2);
      expect((await viaList).totalItems).toBe(2);
      return;
    }
    for (const err of [await apiError(call), await apiError(viaList)]) {
      expect(err.response).toEqual({ status: 400, message: 'Full-text search is not supported by this storage.', data: {} });
    }
  });

  it('finds ranked matches with stemming, within the listRule', async () => {
    if (!fts()) return;
    const guest = await server.guest().send('/api/search/articles', { query: { q: 'quick foxes' } });
    expect(guest.items.map((r: { id: string }) => r.id)).toEqual([ids.foxTitle]);
    const admin = await server.admin.send('/api/search/articles', { query: { q: 'fox' } });
    expect(admin.totalItems).toBe(3);
    // The draft mentions foxes most often: best rank first.
    expect(admin.items[0].id).toBe(ids.draft);
    expect(new Set(admin.items.map((r: { id: string }) => r.id))).toEqual(new Set([ids.foxTitle, ids.foxBody, ids.draft]));
    expect((await server.admin.send('/api/search/articles', { query: { q: 'gin postgresql' } })).items.map((r: { id: string }) => r.id)).toEqual([ids.other]);
  });

  it('combines with PocketBase filters and paging', async () => {
    if (!fts()) return;
    const res = await server.admin.send('/api/search/articles', { query: { q: 'fox', filter: 'votes >= 3', perPage: '1' } });
    expect(res.totalItems).toBe(2);
    expect(res.perPage).toBe(1);
    expect(res.totalPages).toBe(2);
    expect(res.items).toHaveLength(1);
  });

  it('serves the search parameter on the ordinary list endpoint, through the SDK', async () => {
    if (!fts()) return;
    const page = await server.guest().collection('articles').getList(1, 10, { search: 'fox', filter: 'votes > 2' });
    expect(page.items.map((r) => r.id)).toEqual([ids.foxBody]);
    // Without `search` the list endpoint is untouched.
    expect((await server.guest().collection('articles').getList(1, 10)).totalItems).toBe(3);
  });

  it('answers bad input with 4xx', async () => {
    if (!fts()) return;
    expect((await apiError(server.guest().send('/api/search/articles', { query: { q: '  ' } }))).status).toBe(400);
    expect((await apiError(server.guest().send('/api/search/articles', { query: { q: 'fox', filter: 'nope ~~ (' } }))).status).toBe(400);
    expect((await apiError(server.guest().send('/api/search/users', { query: { q: 'x' } }))).status).toBe(404);
    // Odd query syntax is just text to websearch_to_tsquery.
    expect((await server.guest().send('/api/search/articles', { query: { q: '"quick fox" -lazy OR & | !' } })).items).toEqual([]);
  });

  it('refuses a config that names no fields, naming the plugin', async () => {
    await expect(startPluginServer({ backend, plugins: [{ plugin: search, config: { collections: { articles: {} } } }] })).rejects.toThrow(
      'plugin "search" failed to register: config "collections.articles.fields" must be a non-empty list of field names',
    );
  });
});

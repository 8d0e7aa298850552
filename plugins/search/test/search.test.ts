/**
 * The search plugin in a real Plinth, through the official SDK, on each test backend (every one declares
 * full-text search): ranked matches, the listRule and PocketBase filters applied, the `search` parameter on the
 * ordinary list endpoint, bad input as 4xx. Queries avoid stemming and stop words, where the backends differ
 * (PostgreSQL's stemming: server/test/plugins/search-index.test.ts).
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
    await add('draft', { title: 'Fox draft', body: 'a fox running, a quick fox', published: false, votes: 3 });
    await add('other', { title: 'Databases', body: 'PostgreSQL text search with GIN indexes', published: true, votes: 2 });
  });
  afterAll(async () => {
    await server?.close();
  });
  it('searches on the dedicated endpoint and through the list endpoint', async () => {
    expect(server.app.storage.capabilities.fullTextSearch).toBe(true);
    expect((await server.guest().send('/api/search/articles', { query: { q: 'fox' } })).totalItems).toBe(2);
    expect((await server.guest().collection('articles').getList(1, 10, { search: 'fox' })).totalItems).toBe(2);
  });

  it('finds ranked matches within the listRule', async () => {
    const guest = await server.guest().send('/api/search/articles', { query: { q: 'quick fox' } });
    expect(guest.items.map((r: { id: string }) => r.id)).toEqual([ids.foxTitle]);
    const admin = await server.admin.send('/api/search/articles', { query: { q: 'fox' } });
    expect(admin.totalItems).toBe(3);
    // The draft mentions the fox most often: best rank first.
    expect(admin.items[0].id).toBe(ids.draft);
    expect(new Set(admin.items.map((r: { id: string }) => r.id))).toEqual(new Set([ids.foxTitle, ids.foxBody, ids.draft]));
    expect((await server.admin.send('/api/search/articles', { query: { q: 'gin postgresql' } })).items.map((r: { id: string }) => r.id)).toEqual([ids.other]);
  });

  it('combines with PocketBase filters and paging', async () => {
    const res = await server.admin.send('/api/search/articles', { query: { q: 'fox', filter: 'votes >= 3', perPage: '1' } });
    expect(res.totalItems).toBe(2);
    expect(res.perPage).toBe(1);
    expect(res.totalPages).toBe(2);
    expect(res.items).toHaveLength(1);
  });

  it('serves the search parameter on the ordinary list endpoint, through the SDK', async () => {
    const page = await server.guest().collection('articles').getList(1, 10, { search: 'fox', filter: 'votes > 2' });
    expect(page.items.map((r) => r.id)).toEqual([ids.foxBody]);
    // Without `search` the list endpoint is untouched.
    expect((await server.guest().collection('articles').getList(1, 10)).totalItems).toBe(3);
  });

  it('answers bad input with 4xx', async () => {
    expect((await apiError(server.guest().send('/api/search/articles', { query: { q: '  ' } }))).status).toBe(400);
    expect((await apiError(server.guest().send('/api/search/articles', { query: { q: 'fox', filter: 'nope ~~ (' } }))).status).toBe(400);
    expect((await apiError(server.guest().send('/api/search/users', { query: { q: 'x' } }))).status).toBe(404);
    // Odd query syntax is just text to the web-search parser.
    expect((await server.guest().send('/api/search/articles', { query: { q: '"quick fox" -lazy OR & | !' } })).items).toEqual([]);
  });

  it('refuses a config that names no fields, naming the plugin', async () => {
    await expect(startPluginServer({ backend, plugins: [{ plugin: search, config: { collections: { articles: {} } } }] })).rejects.toThrow(
      'plugin "search" failed to register: config "collections.articles.fields" must be a non-empty list of field names',
    );
  });
});

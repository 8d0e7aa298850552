/**
 * Hostile and malformed input must always get a 4xx in the error envelope: never a 500, never a half-written
 * record. A barrage of bad filters, sorts, params, bodies and ids against a real server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/test-database.js';
import { type Api, startApi } from './api-fixture.js';

const badFilters = [
  '', ' ', '(', ')', '((title = "a")', 'title =', '= "a"', 'title = "a', "title = 'a", 'title == "a"', 'title = "a" &&',
  '&& title = "a"', 'nope = 1', 'title.x.y = 1', 'author.nope = 1', '@request.nope.deep = 1', 'title:nope = 1',
  'geoDistance(1) > 0', 'strftime() = ""', 'unknownFn(1) = 1', 'title = 1e999', 'x'.repeat(4000), '1 = 1 && '.repeat(250) + '1 = 1',
  'title ~ "\\', 'views > "abc"', 'meta.a > 5', 'views = true', 'draft > "2024"', '@collection.nope.x = 1',
  'tags:each ?= 5', 'a.b.c.d.e.f.g.h = 1', '"unterminated', '# = 1', '@ = 1', 'title = @now.x', '\u0000 = 1',
];
const badSorts = ['', '-', '+', 'nope', '-title,', ',', '@nope', 'title:nope', 'a'.repeat(300), Array(10).fill('title').join(','), '"x"', '1'];

describe.each(testBackends)('robustness on %s', (backend) => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi(backend);
    const authors = await api.admin.collections.create({ name: 'r_authors', listRule: '', fields: [{ name: 'name', type: 'text' }] });
    await api.admin.collections.create({
      name: 'r_posts',
      listRule: '',
      viewRule: '',
      createRule: '',
      updateRule: '',
      deleteRule: '',
      fields: [
        { name: 'title', type: 'text', max: 50 },
        { name: 'views', type: 'number' },
        { name: 'draft', type: 'bool' },
        { name: 'meta', type: 'json' },
        { name: 'tags', type: 'select', values: ['a', 'b'], maxSelect: 2 },
        { name: 'author', type: 'relation', collectionId: authors.id, maxSelect: 1 },
      ],
    });
    await api.admin.collection('r_posts').create({ title: 'seed', views: 1, meta: { a: 'text' } });
  });
  afterAll(() => api?.close());

  async function call(path: string, init?: RequestInit) {
    const res = await fetch(api.url + path, init);
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  const expectFine = (r: { status: number; body: unknown }, what: string) => {
    expect(r.status, what).toBeLessThan(500);
    if (r.status >= 400) expect(r.body, what).toMatchObject({ status: r.status, message: expect.any(String), data: expect.any(Object) });
  };

  it('answers every malformed filter and sort with a 2xx or 4xx envelope', async () => {
    for (const filter of badFilters) {
      expectFine(await call(`/api/collections/r_posts/records?filter=${encodeURIComponent(filter)}`), `filter ${JSON.stringify(filter).slice(0, 60)}`);
    }
    for (const sort of badSorts) {
      expectFine(await call(`/api/collections/r_posts/records?sort=${encodeURIComponent(sort)}`), `sort ${JSON.stringify(sort).slice(0, 60)}`);
    }
  });

  it('answers malformed paging, expand and fields params', async () => {
    for (const query of ['page=-1', 'page=1.5', 'perPage=x', 'perPage=99999999999999999999', 'skipTotal=maybe', 'expand=nope', 'expand=author.nope.x', 'expand=' + 'author.'.repeat(10) + 'x', 'fields=:excerpt(', 'fields=*,expand.*']) {
      expectFine(await call(`/api/collections/r_posts/records?${query}`), query);
    }
  });

  it('answers malformed bodies and ids without writing anything', async () => {
    const before = (await call('/api/collections/r_posts/records?perPage=1000')).body.totalItems;
    const bodies: [string, string][] = [
      ['application/json', '[]'], ['application/json', '"str"'], ['application/json', 'null'], ['application/json', '{"title":{"$gt":""}}'],
      ['application/json', '{"views":"NaN"}'], ['application/json', '{"views":1e400}'], ['application/json', '{"tags":"[\\"a\\",\\"zzz\\"]"}'],
      ['application/json', '{"author":["x","y"]}'], ['application/json', '{"title":"' + 'x'.repeat(100) + '"}'], ['application/json', '{"id":"../../etc/passwd"}'],
      ['application/json', '{"meta":' + '['.repeat(5000) + ']'.repeat(5000) + '}'], ['application/x-www-form-urlencoded', 'views=abc&draft=maybe'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="@jsonPayload"\r\n\r\n{not json\r\n--x--\r\n'],
      ['multipart/form-data', 'garbage'],
    ];
    for (const [type, body] of bodies) {
      expectFine(await call('/api/collections/r_posts/records', { method: 'POST', headers: { 'content-type': type }, body }), `${type} ${body.slice(0, 40)}`);
    }
    for (const id of ['..%2F..%2Fetc', '%00', 'x'.repeat(500), "' OR 1=1 --"]) {
      expectFine(await call(`/api/collections/r_posts/records/${id}`), `view ${id}`);
      expectFine(await call(`/api/collections/r_posts/records/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{}' }), `patch ${id}`);
      expectFine(await call(`/api/collections/r_posts/records/${id}`, { method: 'DELETE' }), `delete ${id}`);
    }
    const after = (await call('/api/collections/r_posts/records?perPage=1000')).body.totalItems;
    // Exactly three bodies are accepted, as PocketBase accepts them: a JSON `null` body (an empty record), an
    // object sent for a text field (cast to "", never an operator) and non-numeric form text for a number (0).
    expect(after - before).toBe(3);
    const injected = await call('/api/collections/r_posts/records?filter=' + encodeURIComponent('title != "seed"'));
    expect(injected.body.items.map((r: { title: string; views: number }) => [r.title, r.views])).toEqual([['', 0], ['', 0], ['', 0]]);
  });

  it('answers malformed collection definitions and auth calls', async () => {
    const token = api.admin.authStore.token;
    const admin = { 'content-type': 'application/json', authorization: token };
    for (const body of ['{}', '{"name":""}', '{"name":"x","type":"nope"}', '{"name":"x","fields":"nope"}', '{"name":"x","fields":[null]}', '{"name":"x","fields":[{"type":"relation","name":"r"}]}', '{"name":"x","indexes":["DROP TABLE users"]}', '{"name":"x","listRule":"(("}']) {
      expectFine(await call('/api/collections', { method: 'POST', headers: admin, body }), `collection ${body}`);
    }
    for (const body of ['{}', '{"identity":1,"password":[]}', '{"identity":"' + 'a'.repeat(1000) + '","password":"x"}']) {
      expectFine(await call('/api/collections/users/auth-with-password', { method: 'POST', headers: { 'content-type': 'application/json' }, body }), `auth ${body.slice(0, 40)}`);
    }
    expectFine(await call('/api/collections/users/auth-refresh', { method: 'POST', headers: { authorization: 'Bearer ' + 'x.'.repeat(50) } }), 'refresh');
    expectFine(await call('/api/batch', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"requests":"x"}' }), 'batch');
  });
});

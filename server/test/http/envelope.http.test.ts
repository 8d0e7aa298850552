/** Conventions every endpoint shares: the error envelope, headers, CORS, health, body limits, `fields`. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/test-database.js';
import { expectStatus, startFixture, type HttpFixture } from './http-fixture.js';

const BODY_LIMIT = 64 * 1024;

describe.each(testBackends)('HTTP conventions on %s', (backend) => {
  let fx: HttpFixture;
  beforeAll(async () => {
    fx = await startFixture(backend, BODY_LIMIT);
    await fx.admin.collections.create({
      name: 'notes',
      listRule: '',
      viewRule: '',
      createRule: '',
      updateRule: '',
      fields: [
        { name: 'title', type: 'text' },
        { name: 'count', type: 'number' },
        { name: 'flag', type: 'bool' },
        { name: 'body', type: 'editor' },
        { name: 'meta', type: 'json' },
        { name: 'tags', type: 'select', values: ['a', 'b', 'c'], maxSelect: 3 },
      ],
    });
  });
  afterAll(() => fx?.server.close());

  it('answers unknown routes with a JSON 404 envelope (no trailing-slash redirects)', async () => {
    for (const path of ['/api/nope', '/api/health/', '/', '/api/collections/notes/records/x/y']) {
      const res = await fetch(fx.server.url + path);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect(await res.json()).toEqual({ status: 404, message: "The requested resource wasn't found.", data: {} });
    }
  });

  it('sends security headers and a request id, and answers CORS preflights with 204', async () => {
    const res = await fetch(fx.server.url + '/api/health', { headers: { Origin: 'http://app.example' } });
    expect(res.headers.get('x-xss-protection')).toBe('1; mode=block');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('x-request-id')).toMatch(/^\w+$/);

    const pre = await fetch(fx.server.url + '/api/collections/notes/records', {
      method: 'OPTIONS',
      headers: { Origin: 'http://app.example', 'Access-Control-Request-Method': 'PATCH', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-methods')).toContain('PATCH');
    expect(pre.headers.get('access-control-allow-headers')).toBe('authorization,content-type');
  });

  it('reports health to everyone, with more details for superusers', async () => {
    const res = await fetch(fx.server.url + '/api/health');
    expect(await res.json()).toEqual({ code: 200, message: 'API is healthy.', data: {} });
    const admin = await fx.admin.health.check();
    expect(admin.data).toHaveProperty('canBackup');
  });

  it('refuses bodies above the limit with 413 and unsupported content types with 400', async () => {
    const err = await expectStatus(fx.guest().collection('notes').create({ title: 'x'.repeat(BODY_LIMIT + 10) }), 413);
    expect(err.response.message).toBe('Request entity too large.');
    const xml = await fetch(fx.server.url + '/api/collections/notes/records', { method: 'POST', headers: { 'content-type': 'text/xml' }, body: '<a/>' });
    expect(xml.status).toBe(400);
    expect((await xml.json()).message).toBe('Unsupported Content-Type.');
    const broken = await fetch(fx.server.url + '/api/collections/notes/records', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":' });
    expect(broken.status).toBe(400);
    // the server is still healthy afterwards
    expect((await fetch(fx.server.url + '/api/health')).status).toBe(200);
  });

  it('decodes multipart bodies with scalar inference and @jsonPayload parts on top', async () => {
    const form = new FormData();
    form.append('title', '0001');
    form.append('count', '42');
    form.append('flag', 'true');
    form.append('@jsonPayload', JSON.stringify({ meta: { nested: [1, 'two'] }, tags: ['a', 'c'] }));
    const rec = await fx.guest().collection('notes').create(form);
    expect(rec).toMatchObject({ title: '0001', count: 42, flag: true, meta: { nested: [1, 'two'] }, tags: ['a', 'c'] });

    // the SDK itself switches to multipart + @jsonPayload when a Blob is among the values
    const viaSdk = await fx.guest().collection('notes').create({ title: 'sdk', meta: { k: true }, tags: ['b'], attachment: new Blob(['x']) });
    expect(viaSdk).toMatchObject({ title: 'sdk', meta: { k: true }, tags: ['b'] });
  });

  it('projects responses with `fields`, inside items for lists, with :excerpt', async () => {
    const rec = await fx.guest().collection('notes').create({ title: 'proj', body: '<p>Hello <b>big</b> world</p><p>again</p>', count: 3 });
    const one = await fx.guest().collection('notes').getOne(rec.id, { fields: 'id,body:excerpt(9,true)' });
    expect(one).toEqual({ id: rec.id, body: 'Hello big...' });
    const list = await fx.guest().collection('notes').getList(1, 5, { filter: `id = "${rec.id}"`, fields: 'title,count' });
    expect(list).toMatchObject({ page: 1, perPage: 5, totalItems: 1 });
    expect(list.items).toEqual([{ title: 'proj', count: 3 }]);
    const all = await fx.guest().collection('notes').getOne(rec.id, { fields: '*' });
    expect(all).toMatchObject({ id: rec.id, title: 'proj', collectionName: 'notes' });
  });
});

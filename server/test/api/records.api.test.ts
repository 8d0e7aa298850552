import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/test-database.js';
import { type Api, expectApiError, startApi } from './api-fixture.js';

describe.each(testBackends)('records API on %s', (backend) => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi(backend);
    await api.admin.collections.create({
      name: 'notes',
      listRule: '',
      viewRule: '',
      createRule: '',
      updateRule: '',
      deleteRule: '',
      fields: [
        { name: 'title', type: 'text' },
        { name: 'views', type: 'number' },
        { name: 'tags', type: 'select', values: ['a', 'b', 'c', 'd'], maxSelect: 4 },
        { name: 'code', type: 'text', autogeneratePattern: '[A-Z]{4}' },
        { name: 'secret', type: 'text', hidden: true },
        { name: 'created', type: 'autodate', onCreate: true, onUpdate: false },
        { name: 'updated', type: 'autodate', onCreate: true, onUpdate: true },
      ],
    });
  });
  afterAll(() => api?.close());

  it('creates, views, updates partially and deletes', async () => {
    const pb = api.guest();
    const created = await pb.collection('notes').create({ title: 'first', views: 1, unknownKey: 'ignored' });
    expect(created).not.toHaveProperty('unknownKey');
    expect(created.code).toMatch(/^[A-Z]{4}$/);
    const viewed = await pb.collection('notes').getOne(created.id);
    expect(viewed).toEqual(created);
    await new Promise((r) => setTimeout(r, 5));
    const updated = await pb.collection('notes').update(created.id, { views: 7 });
    expect(updated).toMatchObject({ title: 'first', views: 7, created: created.created });
    expect(updated.updated >= created.updated).toBe(true);
    await pb.collection('notes').delete(created.id);
    await expectApiError(pb.collection('notes').getOne(created.id), 404);
    await expectApiError(pb.collection('notes').delete(created.id), 404);
  });

  it('accepts a custom id, refuses a duplicate or malformed one, and never changes it', async () => {
    const pb = api.guest();
    await pb.collection('notes').create({ id: 'customid1234567', title: 'c' });
    await expectApiError(pb.collection('notes').create({ id: 'customid1234567' }), 400);
    await expectApiError(pb.collection('notes').create({ id: 'SHORT' }), 400);
    const after = await pb.collection('notes').update('customid1234567', { id: 'otherid12345678', title: 'd' });
    expect(after.id).toBe('customid1234567');
  });

  it('applies + and - modifiers', async () => {
    const pb = api.guest();
    const rec = await pb.collection('notes').create({ title: 'mod', views: 10, tags: ['a', 'b'] });
    const after = await pb.collection('notes').update(rec.id, { 'views+': 5, 'tags+': ['c'], 'tags-': 'a', '+tags': 'd' });
    expect(after.views).toBe(15);
    expect(after.tags).toEqual(['d', 'b', 'c']);
    const minus = await pb.collection('notes').update(rec.id, { 'views-': 20 });
    expect(minus.views).toBe(-5);
  });

  it('decodes multipart bodies with @jsonPayload like the SDK sends them', async () => {
    const form = new FormData();
    form.append('title', 'from form');
    form.append('views', '12');
    form.append('@jsonPayload', JSON.stringify({ tags: ['a', 'c'] }));
    const rec = await api.guest().collection('notes').create(form);
    expect(rec).toMatchObject({ title: 'from form', views: 12, tags: ['a', 'c'] });
  });

  it('hides hidden fields from non-superusers and ignores their writes to them', async () => {
    const rec = await api.guest().collection('notes').create({ title: 'h', secret: 'guest-set' });
    expect(rec).not.toHaveProperty('secret');
    const asAdmin = await api.admin.collection('notes').getOne(rec.id);
    expect(asAdmin.secret).toBe('');
    await api.admin.collection('notes').update(rec.id, { secret: 's3' });
    expect((await api.admin.collection('notes').getOne(rec.id)).secret).toBe('s3');
    await expectApiError(api.guest().collection('notes').getList(1, 10, { filter: 'secret = "s3"' }), 400);
    expect((await api.admin.collection('notes').getList(1, 10, { filter: 'secret = "s3"' })).items).toHaveLength(1);
  });

  it('pages, clamps perPage, skips totals and supports getFullList / getFirstListItem', async () => {
    await api.admin.collections.create({ name: 'many', listRule: '', fields: [{ name: 'n', type: 'number' }] });
    const batch = api.admin.createBatch();
    await api.admin.settings.update({ batch: { enabled: true, maxRequests: 100 } });
    for (let n = 1; n <= 45; n++) batch.collection('many').create({ n });
    await batch.send();

    const pb = api.guest();
    const first = await pb.collection('many').getList(1, 20, { sort: 'n' });
    expect(first).toMatchObject({ page: 1, perPage: 20, totalItems: 45, totalPages: 3 });
    expect(first.items.map((r) => r.n)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const last = await pb.collection('many').getList(3, 20, { sort: 'n', skipTotal: true });
    expect(last).toMatchObject({ page: 3, perPage: 20, totalItems: -1, totalPages: -1 });
    expect(last.items.map((r) => r.n)).toEqual([41, 42, 43, 44, 45]);
    const clamped = await pb.collection('many').getList(1, 5000);
    expect(clamped.perPage).toBe(1000);
    expect(clamped.items).toHaveLength(45);
    expect((await pb.collection('many').getFullList({ batch: 10, sort: '-n' }))[0].n).toBe(45);
    expect((await pb.collection('many').getFirstListItem('n > 43', { sort: 'n' })).n).toBe(44);
    const raw = await fetch(`${api.url}/api/collections/many/records?page=abc`);
    expect(raw.status).toBe(400);
  });

  it('projects fields on single records and inside list envelopes', async () => {
    const rec = await api.guest().collection('notes').create({ title: 'proj', views: 3 });
    const one = await api.guest().collection('notes').getOne(rec.id, { fields: 'id,title' });
    expect(one).toEqual({ id: rec.id, title: 'proj' });
    const list = await api.guest().collection('notes').getList(1, 1, { filter: `id = "${rec.id}"`, fields: 'views' });
    expect(list.items).toEqual([{ views: 3 }]);
    expect(list.totalItems).toBe(1);
  });

  it('answers unknown collections and routes with the JSON error envelope', async () => {
    const err = await expectApiError(api.guest().collection('nope').getList(), 404);
    expect(err.response.message).toBe('Missing collection context.');
    const res = await fetch(`${api.url}/api/definitely/not/here`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ status: 404, message: "The requested resource wasn't found.", data: {} });
  });

  it('rejects unsupported content types and oversized bodies', async () => {
    const res = await fetch(`${api.url}/api/collections/notes/records`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
    expect(res.status).toBe(400);
    expect((await res.json()).message).toBe('Unsupported Content-Type.');
    const bad = await fetch(`${api.url}/api/collections/notes/records`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":' });
    expect(bad.status).toBe(400);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/test-database.js';
import { type Api, expectApiError, startApi } from './api-fixture.js';

describe.each(testBackends)('batch, settings and health on %s', (backend) => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi(backend);
    await api.admin.collections.create({
      name: 'items',
      listRule: '',
      viewRule: '',
      createRule: '',
      updateRule: '',
      deleteRule: '',
      fields: [{ name: 'name', type: 'text', required: true }, { name: 'qty', type: 'number' }],
      indexes: ['CREATE UNIQUE INDEX idx_items_name ON items (name)'],
    });
  });
  afterAll(() => api?.close());

  it('is disabled by default (403), then runs every sub-request in one transaction', async () => {
    const off = api.guest().createBatch();
    off.collection('items').create({ name: 'x' });
    await expectApiError(off.send(), 403);

    const settings = await api.admin.settings.update({ batch: { enabled: true, maxRequests: 10, timeout: 5 } });
    expect(settings.batch).toMatchObject({ enabled: true, maxRequests: 10, timeout: 5 });

    const seed = await api.guest().collection('items').create({ name: 'seed', qty: 1 });
    const ok = api.guest().createBatch();
    ok.collection('items').create({ name: 'a', qty: 1 });
    ok.collection('items').update(seed.id, { 'qty+': 2 });
    ok.collection('items').upsert({ id: seed.id, name: 'seed2' });
    ok.collection('items').upsert({ name: 'b' });
    const results = await ok.send();
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(results[1].body.qty).toBe(3);
    expect(results[2].body.name).toBe('seed2');

    const del = api.guest().createBatch();
    del.collection('items').delete(seed.id);
    expect((await del.send())[0]).toEqual({ status: 204, body: null });
  });

  it('rolls everything back when one sub-request fails, naming it', async () => {
    const before = await api.guest().collection('items').getFullList();
    const bad = api.guest().createBatch();
    bad.collection('items').create({ name: 'will-vanish' });
    bad.collection('items').create({ name: '' });
    const err = await expectApiError(bad.send(), 400);
    expect(err.response.message).toBe('Batch transaction failed.');
    expect(err.response.data.requests['1']).toMatchObject({ code: 'batch_request_failed', response: { status: 400, data: { name: { code: 'validation_required' } } } });
    expect(await api.guest().collection('items').getFullList()).toEqual(before);

    const dup = api.guest().createBatch();
    dup.collection('items').create({ name: 'dupe' });
    dup.collection('items').create({ name: 'dupe' });
    const dupErr = await expectApiError(dup.send(), 400);
    expect(dupErr.response.data.requests['1'].response.data.name.code).toBe('validation_not_unique');
    expect((await api.guest().collection('items').getFullList({ filter: 'name = "dupe"' })).length).toBe(0);
  });

  it('validates the batch envelope', async () => {
    const empty = await fetch(`${api.url}/api/batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"requests":[]}' });
    expect(empty.status).toBe(400);
    expect((await empty.json()).message).toBe('Invalid batch request data.');
    const tooMany = api.guest().createBatch();
    for (let i = 0; i < 11; i++) tooMany.collection('items').create({ name: `n${i}` });
    await expectApiError(tooMany.send(), 400);
  });

  it('serves settings to superusers only and validates them', async () => {
    await expectApiError(api.guest().settings.getAll(), 401);
    const all = await api.admin.settings.getAll();
    expect(all.meta).toMatchObject({ appName: expect.any(String), appURL: expect.any(String) });
    const updated = await api.admin.settings.update({ meta: { appName: 'Plinth test' } });
    expect(updated.meta.appName).toBe('Plinth test');
    expect((await api.admin.settings.getAll()).meta.appName).toBe('Plinth test');
    await expectApiError(api.admin.settings.update({ batch: { maxRequests: -1 } }), 400);
  });

  it('reports health publicly', async () => {
    const res = await fetch(`${api.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ code: 200, message: 'API is healthy.', data: {} });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });
});

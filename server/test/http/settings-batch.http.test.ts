/** Settings (superuser only, validated, persisted) and batch transactions over real HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/test-database.js';
import { expectStatus, startFixture, type HttpFixture } from './http-fixture.js';

describe.each(testBackends)('settings and batch on %s', (backend) => {
  let fx: HttpFixture;
  beforeAll(async () => {
    fx = await startFixture(backend);
    await fx.admin.collections.create({
      name: 'items',
      listRule: '',
      viewRule: '',
      createRule: '',
      updateRule: '',
      deleteRule: '',
      fields: [{ name: 'name', type: 'text', required: true }, { name: 'qty', type: 'number' }],
    });
  });
  afterAll(() => fx?.server.close());

  it('serves PocketBase default settings without secrets, to superusers only', async () => {
    await expectStatus(fx.guest().settings.getAll(), 401);
    const all = await fx.admin.settings.getAll();
    expect(all.meta).toEqual({ appName: 'Acme', appURL: 'http://localhost:8090', senderName: 'Support', senderAddress: 'support@example.com', hideControls: false });
    expect(all.batch).toEqual({ enabled: false, maxRequests: 50, timeout: 3, maxBodySize: 0 });
    expect(all.smtp).not.toHaveProperty('password');
  });

  it('patches, validates with field errors, and persists settings through storage', async () => {
    const saved = await fx.admin.settings.update({ meta: { appName: 'Plinth' }, smtp: { password: 'hidden-pass' } });
    expect(saved.meta.appName).toBe('Plinth');
    expect(saved.smtp).not.toHaveProperty('password');
    const stored = (await fx.server.app.storage.getValue('settings')) as { meta: { appName: string }; smtp: { password: string } };
    expect(stored.meta.appName).toBe('Plinth');
    expect(stored.smtp.password).toBe('hidden-pass');

    const bad = await expectStatus(fx.admin.settings.update({ meta: { appURL: 'not a url', senderAddress: 'nope' } }), 400);
    expect(bad.response.data.meta).toMatchObject({ appURL: { code: expect.any(String) }, senderAddress: { code: expect.any(String) } });
    expect((await fx.admin.settings.getAll()).meta.appURL).toBe('http://localhost:8090');
  });

  it('refuses batches while disabled', async () => {
    const batch = fx.guest().createBatch();
    batch.collection('items').create({ name: 'x' });
    const err = await expectStatus(batch.send(), 403);
    expect(err.response.message).toBe('Batch requests are not allowed.');
  });

  it('runs create, update, upsert and delete in one transaction, with expand/fields per sub-request', async () => {
    await fx.admin.settings.update({ batch: { enabled: true, maxRequests: 5 } });
    const seed = await fx.guest().collection('items').create({ name: 'seed', qty: 1 });
    const batch = fx.guest().createBatch();
    batch.collection('items').create({ name: 'one', qty: 1 }, { fields: 'name' });
    batch.collection('items').update(seed.id, { 'qty+': 4 });
    batch.collection('items').upsert({ id: seed.id, name: 'seed-upserted' });
    batch.collection('items').upsert({ name: 'fresh' });
    batch.collection('items').delete(seed.id);
    const results = await batch.send();
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 204]);
    expect(results[0].body).toEqual({ name: 'one' });
    expect(results[1].body.qty).toBe(5);
    expect(results[2].body).toMatchObject({ id: seed.id, name: 'seed-upserted' });
    expect(results[3].body.name).toBe('fresh');
    expect(results[4]).toEqual({ status: 204, body: null });
    const names = (await fx.guest().collection('items').getFullList({ sort: 'name' })).map((r) => r.name);
    expect(names).toEqual(['fresh', 'one']);
  });

  it('rolls everything back on the first failure and reports it at its index', async () => {
    const before = await fx.guest().collection('items').getFullList();
    const batch = fx.guest().createBatch();
    batch.collection('items').create({ name: 'vanishes' });
    batch.collection('items').update(before[0].id, { name: 'renamed' });
    batch.collection('items').create({ name: '' });
    const err = await expectStatus(batch.send(), 400);
    expect(err.response.message).toBe('Batch transaction failed.');
    expect(Object.keys(err.response.data.requests)).toEqual(['2']);
    expect(err.response.data.requests['2']).toEqual({
      code: 'batch_request_failed',
      message: 'Batch request failed.',
      response: { status: 400, message: 'Failed to create record.', data: { name: { code: 'validation_required', message: expect.any(String) } } },
    });
    expect(await fx.guest().collection('items').getFullList()).toEqual(before);
  });

  it('fails unsupported sub-requests at their index and validates the envelope', async () => {
    const post = (body: unknown) =>
      fetch(`${fx.server.url}/api/batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(
        async (r) => ({ status: r.status, json: await r.json() }),
      );
    const viewAttempt = await post({ requests: [{ method: 'POST', url: '/api/collections/items/records', body: { name: 'z' } }, { method: 'GET', url: '/api/collections/items/records' }] });
    expect(viewAttempt.status).toBe(400);
    expect(viewAttempt.json.data.requests['1']).toMatchObject({ code: 'batch_request_failed', response: { status: 400 } });
    expect((await fx.guest().collection('items').getFullList({ filter: 'name = "z"' })).length).toBe(0);

    const empty = await post({ requests: [] });
    expect(empty.json).toEqual({ status: 400, message: 'Invalid batch request data.', data: { requests: { code: 'validation_required', message: 'Cannot be blank.' } } });
    const tooMany = await post({ requests: Array.from({ length: 6 }, () => ({ method: 'POST', url: '/api/collections/items/records' })) });
    expect(tooMany.json.message).toBe('Invalid batch request data.');
    const badItem = await post({ requests: [{ method: 'TRACE', url: '' }] });
    expect(badItem.json.data.requests['0']).toMatchObject({ method: { code: 'validation_in_invalid' }, url: { code: 'validation_required' } });
  });
});

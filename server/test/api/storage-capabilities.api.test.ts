/**
 * What differs between storage backends is declared by the adapter (capabilities) and asserted here by
 * capability, never by backend name: a storage without SQL views refuses view collections with a 400 that
 * names the reason; everything else behaves the same through the SDK.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/test-database.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { type Api, expectApiError } from './api-fixture.js';
import PocketBase from 'pocketbase';

describe.each(testBackends)('storage capabilities on %s', (backend) => {
  let server: TestServer;
  let api: Pick<Api, 'admin'>;
  beforeAll(async () => {
    server = await startTestServer({ backend });
    const admin = new PocketBase(server.url);
    admin.autoCancellation(false);
    await admin.collection('_superusers').authWithPassword(server.superuser.email, server.superuser.password);
    api = { admin };
  });
  afterAll(() => server?.close());

  it('refuses view collections with a 400 naming the reason where the storage has no SQL views', async () => {
    const err = await expectApiError(api.admin.collections.create({ name: 'v_posts', type: 'view', viewQuery: 'SELECT id FROM users' }), 400);
    const viewQueryError = (err.response.data as Record<string, { code: string; message: string }>).viewQuery;
    if (server.app.storage.capabilities.viewCollections) {
      expect(viewQueryError?.code).not.toBe('validation_view_collections_unsupported');
    } else {
      expect(viewQueryError).toEqual({
        code: 'validation_view_collections_unsupported',
        message: expect.stringMatching(/viewQuery is SQL.*MongoDB/),
      });
      expect(await api.admin.collections.getFullList()).not.toContainEqual(expect.objectContaining({ name: 'v_posts' }));
    }
  });

  it('declares transactions, and batch writes are all-or-nothing either way', async () => {
    expect(typeof server.app.storage.capabilities.transactions).toBe('boolean');
    await api.admin.collections.create({ name: 'cap_notes', fields: [{ name: 'n', type: 'number' }], indexes: ['CREATE UNIQUE INDEX idx_cap_n ON cap_notes (n)'] });
    await api.admin.settings.update({ batch: { enabled: true, maxRequests: 10 } });
    const batch = api.admin.createBatch();
    batch.collection('cap_notes').create({ n: 1 });
    batch.collection('cap_notes').create({ n: 2 });
    batch.collection('cap_notes').create({ n: 1 });
    await expectApiError(batch.send(), 400);
    expect(await api.admin.collection('cap_notes').getFullList()).toEqual([]);
  });
});

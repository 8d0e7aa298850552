import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectApiError } from '../api/api-fixture.js';
import { file, sqlBackends, startFilesApi, type FilesApi } from './files-fixture.js';

/** Protected files: 404 without a file token, and with a token only when the viewRule passes for its record. */
describe.each(sqlBackends)('protected files on %s', (backend) => {
  let api: FilesApi;
  beforeAll(async () => {
    api = await startFilesApi(backend);
    const users = await api.admin.collections.getOne('users');
    await api.admin.collections.create({
      name: 'vault',
      listRule: 'owner = @request.auth.id',
      viewRule: 'owner = @request.auth.id',
      createRule: '@request.auth.id != ""',
      fields: [
        { name: 'owner', type: 'relation', collectionId: users.id, maxSelect: 1 },
        { name: 'secret', type: 'file', maxSelect: 1, protected: true },
        { name: 'public', type: 'file', maxSelect: 1 },
      ],
    });
  });
  afterAll(() => api?.close());

  async function user(email: string) {
    const pb = api.guest();
    await pb.collection('users').create({ email, password: 'secret-pass-1', passwordConfirm: 'secret-pass-1' });
    await pb.collection('users').authWithPassword(email, 'secret-pass-1');
    return pb;
  }

  it('serves a protected file only with a file token whose record passes the viewRule', async () => {
    const ann = await user('ann@example.com');
    const bob = await user('bob@example.com');
    const rec = await ann.collection('vault').create({
      owner: ann.authStore.record!.id,
      secret: file('top secret', 'secret.txt'),
      public: file('hello', 'public.txt'),
    });

    expect((await fetch(ann.files.getURL(rec, rec.secret))).status).toBe(404);
    // The auth token itself is not a file token.
    expect((await fetch(ann.files.getURL(rec, rec.secret, { token: ann.authStore.token }))).status).toBe(404);

    const annToken = await ann.files.getToken();
    const ok = await fetch(ann.files.getURL(rec, rec.secret, { token: annToken }));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('top secret');

    const bobToken = await bob.files.getToken();
    expect((await fetch(bob.files.getURL(rec, rec.secret, { token: bobToken }))).status).toBe(404);

    const adminToken = await api.admin.files.getToken();
    expect((await fetch(api.admin.files.getURL(rec, rec.secret, { token: adminToken }))).status).toBe(200);

    // Unprotected fields of the same record ignore the rules.
    expect(await (await fetch(api.guest().files.getURL(rec, rec.public))).text()).toBe('hello');
  });

  it('issues file tokens only to authenticated callers', async () => {
    const err = await expectApiError(api.guest().files.getToken(), 401);
    expect(err.response.message).toBe('The request requires valid record authorization token.');
    const ann = api.guest();
    await ann.collection('users').authWithPassword('ann@example.com', 'secret-pass-1');
    const token = await ann.files.getToken();
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
    expect(payload).toMatchObject({ type: 'file', id: ann.authStore.record!.id, collectionId: ann.authStore.record!.collectionId });
    expect(Number(payload.exp) - Date.now() / 1000).toBeLessThanOrEqual(181);
  });
});

/** Token handling, superuser-only guards and the password auth endpoints over real HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/test-database.js';
import { expectStatus, sdk, startFixture, type HttpFixture } from './http-fixture.js';

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));

describe.each(testBackends)('auth over HTTP on %s', (backend) => {
  let fx: HttpFixture;
  beforeAll(async () => {
    fx = await startFixture(backend);
    await fx.guest().collection('users').create({ email: 'ann@example.com', password: 'ann-pass-123', passwordConfirm: 'ann-pass-123' });
  });
  afterAll(() => fx?.server.close());

  it('authenticates a superuser with a PocketBase-shaped token and refreshes it', async () => {
    const pb = fx.guest();
    const auth = await pb.collection('_superusers').authWithPassword(fx.server.superuser.email.toUpperCase(), fx.server.superuser.password);
    expect(auth.record).toMatchObject({ email: fx.server.superuser.email, collectionName: '_superusers' });
    expect(auth.record).not.toHaveProperty('password');
    expect(auth.record).not.toHaveProperty('tokenKey');
    const claims = claimsOf(auth.token);
    expect(Object.keys(claims).sort()).toEqual(['collectionId', 'exp', 'id', 'refreshable', 'type']);
    expect(claims).toMatchObject({ id: auth.record.id, collectionId: auth.record.collectionId, type: 'auth', refreshable: true });
    expect(pb.authStore.isSuperuser).toBe(true);

    await new Promise((r) => setTimeout(r, 1100)); // exp has second resolution
    const refreshed = await pb.collection('_superusers').authRefresh();
    expect(refreshed.record.id).toBe(auth.record.id);
    expect(claimsOf(refreshed.token).exp).toBeGreaterThan(claims.exp);
  });

  it('answers a wrong password or unknown identity with the same 400', async () => {
    const wrong = await expectStatus(fx.guest().collection('_superusers').authWithPassword(fx.server.superuser.email, 'wrong-pass-1'), 400);
    const unknown = await expectStatus(fx.guest().collection('_superusers').authWithPassword('ghost@example.com', 'wrong-pass-1'), 400);
    expect(wrong.response).toEqual({ status: 400, message: 'Failed to authenticate.', data: {} });
    expect(unknown.response).toEqual(wrong.response);
    const blank = await expectStatus(fx.guest().collection('users').authWithPassword('', ''), 400);
    expect(blank.response.data).toMatchObject({ identity: { code: 'validation_required' }, password: { code: 'validation_required' } });
  });

  it('guards the collections API: guests 401, other auth records 403', async () => {
    const guest = await expectStatus(fx.guest().collections.getFullList(), 401);
    expect(guest.response.message).toBe('The request requires valid record authorization token.');
    const user = fx.guest();
    await user.collection('users').authWithPassword('ann@example.com', 'ann-pass-123');
    await expectStatus(user.collections.getList(), 403);
    await expectStatus(user.collections.getOne('users'), 403);
    await expectStatus(user.settings.getAll(), 403);
    expect((await fx.admin.collections.getOne('users')).name).toBe('users');
  });

  it('accepts the token with or without a Bearer prefix and ignores bad tokens silently', async () => {
    const url = `${fx.server.url}/api/collections/users/records`;
    const token = fx.admin.authStore.token;
    const plain = await fetch(url, { headers: { Authorization: token } });
    const bearer = await fetch(url, { headers: { Authorization: `bearer ${token}` } });
    expect((await plain.json()).totalItems).toBe(1);
    expect((await bearer.json()).totalItems).toBe(1);
    const junk = await fetch(url, { headers: { Authorization: 'Bearer not-a-token' } });
    expect(junk.status).toBe(200); // guest: the users list rule simply hides every record
    expect((await junk.json()).items).toEqual([]);
  });

  it('treats a token as a guest once its record tokenKey changes', async () => {
    const pb = fx.guest();
    const auth = await pb.collection('_superusers').authWithPassword(fx.server.superuser.email, fx.server.superuser.password);
    await pb.collections.getList(1, 1); // valid now
    const { app } = fx.server;
    const superusers = app.collections.require('_superusers');
    await app.storage.update(app.collections.table(superusers), auth.record.id, { tokenKey: 'rotated-token-key-0123456789-0123456789-abcd' });
    await expectStatus(pb.collections.getList(1, 1), 401);
    await expectStatus(pb.collection('_superusers').authRefresh(), 401);
    // logging in again works with the new key
    await pb.collection('_superusers').authWithPassword(fx.server.superuser.email, fx.server.superuser.password);
    await pb.collections.getList(1, 1);
    await fx.admin.collection('_superusers').authWithPassword(fx.server.superuser.email, fx.server.superuser.password);
  });

  it('refreshes only tokens of the same collection', async () => {
    const user = fx.guest();
    await user.collection('users').authWithPassword('ann@example.com', 'ann-pass-123');
    await expectStatus(user.collection('_superusers').authRefresh(), 403);
    await expectStatus(sdk(fx.server.url).collection('users').authRefresh(), 401);
    const refreshed = await user.collection('users').authRefresh();
    expect(refreshed.record.email).toBe('ann@example.com'); // own email is always visible
  });

  it('lists auth methods with the deprecated keys and 404s for non-auth collections', async () => {
    const res = await fetch(`${fx.server.url}/api/collections/users/auth-methods`);
    expect(await res.json()).toEqual({
      password: { enabled: true, identityFields: ['email'] },
      oauth2: { enabled: false, providers: [] },
      mfa: { enabled: false, duration: 0 },
      otp: { enabled: false, duration: 0 },
      authProviders: [],
      usernamePassword: false,
      emailPassword: true,
    });
    await fx.admin.collections.create({ name: 'plain', fields: [] });
    await expectStatus(fx.guest().collection('plain').listAuthMethods(), 404);
  });

  it('refuses password auth when the collection disables it', async () => {
    await fx.admin.collections.update('users', { passwordAuth: { enabled: false } });
    try {
      await expectStatus(fx.guest().collection('users').authWithPassword('ann@example.com', 'ann-pass-123'), 403);
    } finally {
      await fx.admin.collections.update('users', { passwordAuth: { enabled: true } });
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/test-database.js';
import { type Api, expectApiError, signUp, startApi } from './api-fixture.js';

function decodeClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

describe.each(testBackends)('password auth on %s', (backend) => {
  let api: Api;
  beforeAll(async () => {
    api = await startApi(backend);
  });
  afterAll(() => api?.close());

  it('signs up, requires a matching passwordConfirm and never outputs secrets', async () => {
    const pb = api.guest();
    const err = await expectApiError(pb.collection('users').create({ email: 'mismatch@example.com', password: 'password-1', passwordConfirm: 'password-2' }), 400);
    expect(err.response.data.passwordConfirm.code).toBe('validation_values_mismatch');
    const short = await expectApiError(pb.collection('users').create({ email: 'short@example.com', password: 'x', passwordConfirm: 'x' }), 400);
    expect(short.response.data.password).toBeDefined();

    const rec = await pb.collection('users').create({ email: 'Carol@Example.com', password: 'carol-pass-1', passwordConfirm: 'carol-pass-1', name: 'Carol' });
    expect(rec).not.toHaveProperty('password');
    expect(rec).not.toHaveProperty('tokenKey');
    expect(rec.verified).toBe(false);
    expect(rec.email ?? '').toBe(''); // emailVisibility is false and the guest is not the owner
    const dup = await expectApiError(pb.collection('users').create({ email: 'carol@example.com', password: 'carol-pass-1', passwordConfirm: 'carol-pass-1' }), 400);
    expect(dup.response.data.email.code).toBe('validation_not_unique');
  });

  it('authenticates with password (case-insensitive email) and issues PocketBase-shaped tokens', async () => {
    const pb = api.guest();
    const auth = await pb.collection('users').authWithPassword('carol@example.com', 'carol-pass-1');
    expect(auth.record).toMatchObject({ email: 'Carol@Example.com', name: 'Carol', collectionName: 'users' });
    const claims = decodeClaims(auth.token);
    expect(claims).toMatchObject({ id: auth.record.id, collectionId: '_pb_users_auth_', type: 'auth', refreshable: true });
    expect(typeof claims.exp).toBe('number');
    expect(claims).not.toHaveProperty('iat');
    expect(pb.authStore.isValid).toBe(true);

    const refreshed = await pb.collection('users').authRefresh();
    expect(refreshed.record.id).toBe(auth.record.id);
    await expectApiError(api.guest().collection('users').authRefresh(), 401);
    await expectApiError(pb.collection('_superusers').authRefresh(), 403);
  });

  it('fails alike for a wrong password and an unknown identity', async () => {
    const wrong = await expectApiError(api.guest().collection('users').authWithPassword('carol@example.com', 'nope-nope-1'), 400);
    const unknown = await expectApiError(api.guest().collection('users').authWithPassword('ghost@example.com', 'nope-nope-1'), 400);
    expect(wrong.response).toEqual(unknown.response);
    expect(wrong.response.message).toBe('Failed to authenticate.');
  });

  it('lists auth methods', async () => {
    const methods = await api.guest().collection('users').listAuthMethods();
    expect(methods.password).toEqual({ enabled: true, identityFields: ['email'] });
    expect(methods.oauth2.enabled).toBe(false);
    expect(methods.mfa.enabled).toBe(false);
    expect(methods.otp.enabled).toBe(false);
    await expectApiError(api.guest().collection('nope').listAuthMethods(), 404);
  });

  it('protects password, email and verified changes; a password change revokes earlier tokens', async () => {
    const { pb, record } = await signUp(api, 'dave@example.com', 'dave-pass-1');
    const oldToken = pb.authStore.token;
    await expectApiError(pb.collection('users').update(record.id, { password: 'dave-pass-2', passwordConfirm: 'dave-pass-2' }), 400);
    const wrongOld = await expectApiError(
      pb.collection('users').update(record.id, { oldPassword: 'bad-old-pass', password: 'dave-pass-2', passwordConfirm: 'dave-pass-2' }),
      400,
    );
    expect(wrongOld.response.data.oldPassword.code).toBe('validation_invalid_old_password');
    await expectApiError(pb.collection('users').update(record.id, { verified: true }), 400);
    await expectApiError(pb.collection('users').update(record.id, { email: 'other@example.com' }), 400);

    await pb.collection('users').update(record.id, { oldPassword: 'dave-pass-1', password: 'dave-pass-2', passwordConfirm: 'dave-pass-2' });
    const stale = api.guest();
    stale.authStore.save(oldToken, null);
    // the old token is now just a guest: the users list rule hides everything
    expect(await stale.collection('users').getFullList()).toEqual([]);
    await expectApiError(stale.collection('users').authRefresh(), 401);
    await api.guest().collection('users').authWithPassword('dave@example.com', 'dave-pass-2');

    // superusers may change anything without the old password
    const changed = await api.admin.collection('users').update(record.id, { verified: true, password: 'dave-pass-3', passwordConfirm: 'dave-pass-3' });
    expect(changed.verified).toBe(true);
    await api.guest().collection('users').authWithPassword('dave@example.com', 'dave-pass-3');
  });

  it('authenticates superusers through _superusers', async () => {
    expect(api.admin.authStore.isSuperuser).toBe(true);
    const health = await api.admin.health.check();
    expect(health).toMatchObject({ code: 200, message: 'API is healthy.' });
    await expectApiError(api.guest().collection('_superusers').getList(), 403);
  });
});

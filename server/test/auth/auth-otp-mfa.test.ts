/** OTP, MFA, impersonation, login alerts and auth collection options, end to end through the SDK. */
import PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectApiError } from '../api/api-fixture.js';
import { testBackends } from '../support/test-database.js';
import { client, createUser, decodeClaims, startAuthApi, type AuthApi } from './support/auth-fixture.js';

const codeFrom = (html: string) => /<strong>(\d+)<\/strong>/.exec(html)?.[1] ?? '';

function withAgent(pb: PocketBase, agent: string): PocketBase {
  pb.beforeSend = (url, options) => ({ url, options: { ...options, headers: { ...(options.headers as Record<string, string>), 'User-Agent': agent } } });
  return pb;
}

describe.each(testBackends)('otp, mfa, impersonation and alerts on %s', (backend) => {
  let api: AuthApi;
  beforeAll(async () => {
    api = await startAuthApi(backend);
    const users = await api.admin.collections.getOne('users');
    await api.admin.collections.update('users', { otp: { ...users.otp, enabled: true, length: 6 } });
  });
  afterAll(() => api?.close());

  async function mailedCode(email: string, otpId: string): Promise<string> {
    const mail = await api.sink.waitFor(email, (m) => m.subject.startsWith('OTP') && m.html.includes(otpId) === false && codeFrom(m.html) !== '' && !used.has(m));
    used.add(mail);
    return codeFrom(mail.html);
  }
  const used = new Set<object>();

  it('logs in with a mailed, hashed, single-use code and verifies the address', async () => {
    const { record } = await createUser(api, 'otp@example.com', 'otp-pass-12');
    const methods = await api.guest().collection('users').listAuthMethods();
    expect(methods.otp).toEqual({ enabled: true, duration: 180 });

    const { otpId } = await api.guest().collection('users').requestOTP('otp@example.com');
    const code = await mailedCode('otp@example.com', otpId);
    expect(code).toMatch(/^\d{6}$/);
    const stored = await api.admin.collection('_otps').getOne(otpId);
    expect(stored).not.toHaveProperty('password');
    const row = (await api.app.storage.find({ table: api.app.collections.table(api.app.collections.require('_otps')) })).find((r) => r.id === otpId)!;
    expect(String(row.password)).toMatch(/^\$argon2id\$/);
    expect(String(row.password)).not.toContain(code);

    await expectApiError(api.guest().collection('users').authWithOTP(otpId, '000000' === code ? '111111' : '000000'), 400);
    const auth = await api.guest().collection('users').authWithOTP(otpId, code);
    expect(auth.record).toMatchObject({ id: record.id, verified: true });
    const reused = await expectApiError(api.guest().collection('users').authWithOTP(otpId, code), 400);
    expect(reused.response.message).toBe('Invalid or expired OTP.');
  });

  it('answers unknown addresses with an otpId too, and mails nothing', async () => {
    const before = api.sink.mails.length;
    const res = await api.guest().collection('users').requestOTP('nobody@example.com');
    expect(res.otpId).toMatch(/^[a-z0-9]{15}$/);
    await new Promise((r) => setTimeout(r, 2500));
    expect(api.sink.mails.slice(before).some((m) => m.to.includes('nobody@example.com'))).toBe(false);
    await expectApiError(api.guest().collection('users').authWithOTP(res.otpId, '123456'), 400);
  });

  it('limits wrong codes to 5 per record (429) and expires codes', async () => {
    await createUser(api, 'brute@example.com', 'brute-pass-1');
    const { otpId } = await api.guest().collection('users').requestOTP('brute@example.com');
    const code = await mailedCode('brute@example.com', otpId);
    const wrong = code === '999999' ? '888888' : '999999';
    for (let i = 0; i < 5; i++) await expectApiError(api.guest().collection('users').authWithOTP(otpId, wrong), 400);
    await expectApiError(api.guest().collection('users').authWithOTP(otpId, code), 429);

    await createUser(api, 'late@example.com', 'late-pass-12');
    const late = await api.guest().collection('users').requestOTP('late@example.com');
    const lateCode = await mailedCode('late@example.com', late.otpId);
    const otps = api.app.collections.table(api.app.collections.require('_otps'));
    await api.app.storage.update(otps, late.otpId, { created: '2020-01-01 00:00:00.000Z' });
    await expectApiError(api.guest().collection('users').authWithOTP(late.otpId, lateCode), 400);
  });

  it('requires a second, different method when MFA is on', async () => {
    const users = await api.admin.collections.getOne('users');
    await api.admin.collections.update('users', { mfa: { ...users.mfa, enabled: true, rule: "email ~ 'mfa'" } });
    try {
      await createUser(api, 'plain@example.com', 'plain-pass-1'); // the rule does not match: no MFA step
      await api.guest().collection('users').create({ email: 'mfa@example.com', password: 'mfa-pass-123', passwordConfirm: 'mfa-pass-123' });
      const first = (await api.guest().collection('users').authWithPassword('mfa@example.com', 'mfa-pass-123').then(
        () => null,
        (e: unknown) => e,
      )) as { status: number; response: Record<string, unknown> };
      expect(first.status).toBe(401);
      expect(Object.keys(first.response)).toEqual(['mfaId']);
      const mfaId = String(first.response.mfaId);
      expect(mfaId).toMatch(/^[a-z0-9]{15}$/);

      const same = await expectApiError(api.guest().collection('users').authWithPassword('mfa@example.com', 'mfa-pass-123', { mfaId }), 400);
      expect(same.response.message).toBe('A different authentication method is required.');
      const foreign = await expectApiError(api.guest().collection('users').authWithOTP('x', 'y', { mfaId }), 400);
      expect(foreign.response.message).toBe('Invalid or expired OTP.');

      const { otpId } = await api.guest().collection('users').requestOTP('mfa@example.com');
      const code = await mailedCode('mfa@example.com', otpId);
      const done = await api.guest().collection('users').authWithOTP(otpId, code, { mfaId });
      expect(done.record.email).toBe('mfa@example.com');
      const again = await expectApiError(api.guest().collection('users').authWithPassword('mfa@example.com', 'mfa-pass-123', { mfaId }), 400);
      expect(again.response.message).toBe('Invalid or expired MFA session.');
    } finally {
      const current = await api.admin.collections.getOne('users');
      await api.admin.collections.update('users', { mfa: { ...current.mfa, enabled: false } });
    }
  });

  it('impersonates (superusers only) with a non-refreshable token of the given duration', async () => {
    const { record, pb } = await createUser(api, 'imp@example.com', 'imp-pass-123');
    await expectApiError(pb.collection('users').impersonate(record.id, 60), 403);
    await expectApiError(api.guest().collection('users').impersonate(record.id, 60), 401);
    await expectApiError(api.admin.collection('users').impersonate('missing00000000', 60), 404);

    const as = await api.admin.collection('users').impersonate(record.id, 3600);
    const claims = decodeClaims(as.authStore.token);
    expect(claims).toMatchObject({ id: record.id, type: 'auth', refreshable: false });
    expect(Math.abs((claims.exp as number) - (Date.now() / 1000 + 3600))).toBeLessThan(120);
    expect((await as.collection('users').getOne(record.id)).email).toBe('imp@example.com');
    const refreshed = await as.collection('users').authRefresh();
    expect(refreshed.token).toBe(as.authStore.token);
  });

  it('mails a login alert for a new device once the account has a known one', async () => {
    await createUser(api, 'alert@example.com', 'alert-pass-1'); // first device (the SDK's default agent)
    await withAgent(api.guest(), 'Device-A').collection('users').authWithPassword('alert@example.com', 'alert-pass-1');
    const mail = await api.sink.waitFor('alert@example.com', (m) => m.subject === 'Login from a new location');
    expect(mail.html).toContain('Device-A');
    await withAgent(api.guest(), 'Device-A').collection('users').authWithPassword('alert@example.com', 'alert-pass-1');
    await new Promise((r) => setTimeout(r, 2500));
    expect(api.sink.mails.filter((m) => m.to.includes('alert@example.com') && m.subject === 'Login from a new location')).toHaveLength(1);
  });

  it('honours authRule, token durations and case-insensitive identity fields', async () => {
    const coll = await api.admin.collections.create({
      name: 'members',
      type: 'auth',
      fields: [{ name: 'username', type: 'text' }],
      indexes: ['CREATE UNIQUE INDEX `idx_members_username` ON `members` (`username` COLLATE NOCASE)'],
      passwordAuth: { enabled: true, identityFields: ['email', 'username'] },
      authRule: 'verified = true',
      createRule: '',
      authToken: { duration: 120 },
    });
    const pb = client(api.url);
    await pb.collection('members').create({ email: 'm@example.com', username: 'MixedCase', password: 'member-pass-1', passwordConfirm: 'member-pass-1' });
    const refused = await expectApiError(pb.collection('members').authWithPassword('mixedcase', 'member-pass-1'), 403);
    expect(refused.response.message).toBe("The request doesn't satisfy the collection requirements to authenticate.");
    const rec = await api.admin.collection('members').getFirstListItem('email = "m@example.com"');
    await api.admin.collection('members').update(rec.id, { verified: true });
    const auth = await pb.collection('members').authWithPassword('mixedcase', 'member-pass-1');
    expect(auth.record.id).toBe(rec.id);
    expect(Math.abs((decodeClaims(auth.token).exp as number) - (Date.now() / 1000 + 120))).toBeLessThan(60);
    await api.admin.collections.delete(coll.id);
  });
});

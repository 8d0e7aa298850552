/** Verification, password reset and email change, end to end through the SDK with mails read from an SMTP sink. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectApiError } from '../api/api-fixture.js';
import { testBackends } from '../support/test-database.js';
import { createUser, startAuthApi, type AuthApi } from './support/auth-fixture.js';
import { tokenFromMail } from './support/smtp-sink.js';

describe.each(testBackends)('auth email flows on %s', (backend) => {
  let api: AuthApi;
  beforeAll(async () => {
    api = await startAuthApi(backend);
  });
  afterAll(() => api?.close());

  it('verifies an email with the mailed token, once', async () => {
    const { pb, record } = await createUser(api, 'vera@example.com', 'vera-pass-1', { name: 'Vera <b>' });
    expect(record.verified).toBe(false);
    await pb.collection('users').requestVerification('VERA@example.com');
    const mail = await api.sink.waitFor('vera@example.com', (m) => m.subject.includes('Verify'));
    expect(mail.subject).toBe('Verify your Plinth Test email');
    expect(mail.from).toBe('noreply@app.test');
    expect(mail.html).toContain('http://app.test/_/#/auth/confirm-verification/');
    const token = tokenFromMail(mail, 'confirm-verification');

    await pb.collection('users').confirmVerification(token);
    expect((await pb.collection('users').getOne(record.id)).verified).toBe(true);
    // A used token is spent.
    const again = await expectApiError(pb.collection('users').confirmVerification(token), 400);
    expect(again.response.data.token.code).toBe('validation_invalid_token');
    await expectApiError(pb.collection('users').confirmVerification('not-a-token'), 400);
    await expectApiError(api.guest().collection('_superusers').requestVerification('root@example.com'), 400);
  });

  it('resets a password once and revokes every earlier session', async () => {
    const { pb } = await createUser(api, 'pat@example.com', 'pat-pass-1');
    const oldToken = pb.authStore.token;
    await api.guest().collection('users').requestPasswordReset('pat@example.com');
    const mail = await api.sink.waitFor('pat@example.com', (m) => m.subject.includes('Reset'));
    const token = tokenFromMail(mail, 'confirm-password-reset');

    const mismatch = await expectApiError(api.guest().collection('users').confirmPasswordReset(token, 'new-pass-123', 'other-pass-1'), 400);
    expect(mismatch.response.data.passwordConfirm.code).toBe('validation_values_mismatch');
    const short = await expectApiError(api.guest().collection('users').confirmPasswordReset(token, 'short', 'short'), 400);
    expect(short.response.data.password.code).toBe('validation_min_text_constraint');

    await api.guest().collection('users').confirmPasswordReset(token, 'new-pass-123', 'new-pass-123');
    await expectApiError(api.guest().collection('users').authWithPassword('pat@example.com', 'pat-pass-1'), 400);
    const fresh = await api.guest().collection('users').authWithPassword('pat@example.com', 'new-pass-123');
    expect(fresh.record.verified).toBe(true); // the reset proved the mailbox

    const stale = api.guest();
    stale.authStore.save(oldToken, null);
    await expectApiError(stale.collection('users').authRefresh(), 401);
    await expectApiError(api.guest().collection('users').confirmPasswordReset(token, 'third-pass-1', 'third-pass-1'), 400);
  });

  it('lets exactly one of 50 parallel confirmations of one reset token succeed', async () => {
    await createUser(api, 'race@example.com', 'race-pass-1');
    await api.guest().collection('users').requestPasswordReset('race@example.com');
    const token = tokenFromMail(await api.sink.waitFor('race@example.com', (m) => m.subject.includes('Reset')), 'confirm-password-reset');
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => api.guest().collection('users').confirmPasswordReset(token, `race-new-${i}-x`, `race-new-${i}-x`)),
    );
    const ok = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
    expect(ok).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as { status: number }).status).toBe(400);
    // The winner's password is the one in force.
    await api.guest().collection('users').authWithPassword('race@example.com', `race-new-${ok[0]}-x`);
  });

  it('lets exactly one of 50 parallel confirmations of one verification token succeed', async () => {
    await createUser(api, 'race-verify@example.com', 'race-pass-1');
    await api.guest().collection('users').requestVerification('race-verify@example.com');
    const token = tokenFromMail(await api.sink.waitFor('race-verify@example.com', (m) => m.subject.includes('Verify')), 'confirm-verification');
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => api.guest().collection('users').confirmVerification(token)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('answers alike for known and unknown addresses (status, body, time) and mails only the known one', async () => {
    await createUser(api, 'known@example.com', 'known-pass-1');
    const timed = async (fn: () => Promise<Response>) => {
      const start = performance.now();
      const res = await fn();
      return { ms: performance.now() - start, status: res.status, body: await res.text() };
    };
    const post = (path: string, email: string) => () =>
      fetch(`${api.url}/api/collections/users/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email }) });

    for (const path of ['request-verification', 'request-password-reset']) {
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 8; i++) {
        const a = await timed(post(path, 'known@example.com'));
        const b = await timed(post(path, `ghost-${i}@example.com`));
        expect([a.status, a.body]).toEqual([204, '']);
        expect([b.status, b.body]).toEqual([204, '']);
        known.push(a.ms);
        unknown.push(b.ms);
      }
      const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
      // Both do one enqueue and nothing else; a lookup or hash only for known addresses would show here.
      expect(Math.abs(median(known) - median(unknown))).toBeLessThan(Math.max(40, median(unknown)));
    }
    await api.sink.waitFor('known@example.com', (m) => m.subject.includes('Reset'));
    // Resends within two minutes are silent: one verification and one reset mail despite 8 requests each.
    await new Promise((r) => setTimeout(r, 2500));
    expect(api.sink.mails.filter((m) => m.to.includes('known@example.com'))).toHaveLength(2);
    expect(api.sink.mails.some((m) => m.to.some((t) => t.startsWith('ghost-')))).toBe(false);
  });

  it('changes the email after confirmation with the current password', async () => {
    const { pb, record } = await createUser(api, 'old@example.com', 'change-pass-1');
    await createUser(api, 'taken@example.com');
    const taken = await expectApiError(pb.collection('users').requestEmailChange('TAKEN@example.com'), 400);
    expect(taken.response.data.newEmail.code).toBe('validation_email_taken');
    await expectApiError(api.guest().collection('users').requestEmailChange('new@example.com'), 401);
    await expectApiError(api.admin.collection('users').requestEmailChange('new@example.com'), 403);

    await pb.collection('users').requestEmailChange('new@example.com');
    const mail = await api.sink.waitFor('new@example.com');
    const token = tokenFromMail(mail, 'confirm-email-change');
    const wrong = await expectApiError(api.guest().collection('users').confirmEmailChange(token, 'bad-password'), 400);
    expect(wrong.response.data.password).toBeDefined();
    await pb.collection('users').confirmEmailChange(token, 'change-pass-1');
    expect(pb.authStore.isValid).toBe(false); // the SDK drops the now revoked session

    const auth = await api.guest().collection('users').authWithPassword('new@example.com', 'change-pass-1');
    expect(auth.record).toMatchObject({ id: record.id, email: 'new@example.com', verified: true });
    await expectApiError(api.guest().collection('users').confirmEmailChange(token, 'change-pass-1'), 400);
  });

  it('neither blocks nor fails a request while SMTP is down, and delivers once it is back', async () => {
    await createUser(api, 'later@example.com', 'later-pass-1');
    await api.admin.settings.update({ smtp: { port: 1 } }); // nothing listens there
    try {
      const start = Date.now();
      await api.guest().collection('users').requestPasswordReset('later@example.com');
      expect(Date.now() - start).toBeLessThan(5000);
      await new Promise((r) => setTimeout(r, 2500));
      expect(api.sink.mails.some((m) => m.to.includes('later@example.com'))).toBe(false);
    } finally {
      await api.admin.settings.update({ smtp: { port: api.sink.port } });
    }
    await api.sink.waitFor('later@example.com', (m) => m.subject.includes('Reset'), 60_000);
  });

  it('sends a test email (superusers only)', async () => {
    await api.admin.settings.testEmail('users', 'test@example.com', 'password-reset');
    const mail = await api.sink.waitFor('test@example.com');
    expect(mail.subject).toBe('Reset your Plinth Test password');
    await expectApiError(api.guest().settings.testEmail('users', 'test@example.com', 'password-reset'), 401);
    await expectApiError(api.admin.settings.testEmail('users', 'test@example.com', 'nope'), 400);
  });
});

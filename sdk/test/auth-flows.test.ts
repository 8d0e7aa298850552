/**
 * Auth flows through the SDK against a real server whose mail goes to a local SMTP sink: OTP, MFA,
 * verification, password reset and email change (OAuth2: oauth2.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, tokenFromMail, type SmtpSink } from '../../server/test/auth/support/smtp-sink.js';
import { PlinthError } from '../src/index.js';
import { startHarness, type Harness } from './support/plinth.js';

const codeFrom = (html: string) => /<strong>(\d+)<\/strong>/.exec(html)?.[1] ?? '';

let h: Harness;
let sink: SmtpSink;
const usedMails = new Set<object>();
async function mail(to: string, pred: (m: { subject: string; html: string }) => boolean) {
  const m = await sink.waitFor(to, (x) => !usedMails.has(x) && pred(x));
  usedMails.add(m);
  return m;
}
async function signUp(email: string, password = 'flow-pass-123') {
  await h.guest().collection('users').create({ email, password, passwordConfirm: password });
}

beforeAll(async () => {
  sink = await startSmtpSink();
  h = await startHarness();
  await h.admin.settings.update({
    meta: { appName: 'SDK', appURL: 'http://app.test', senderAddress: 'noreply@app.test', senderName: 'SDK' },
    smtp: { enabled: true, host: '127.0.0.1', port: sink.port, tls: false },
  });
  const users = await h.admin.collections.getOne('users');
  await h.admin.collections.update('users', { otp: { ...(users.otp as object), enabled: true, length: 6 } });
});
afterAll(async () => {
  await h?.close();
  await sink?.close();
});

describe('auth flows', () => {
  it('logs in with a mailed OTP', async () => {
    await signUp('otp@example.com');
    const pb = h.guest();
    expect((await pb.collection('users').listAuthMethods()).otp).toEqual({ enabled: true, duration: 180 });
    const { otpId } = await pb.collection('users').requestOTP('otp@example.com');
    const code = codeFrom((await mail('otp@example.com', (m) => codeFrom(m.html) !== '')).html);
    const res = await pb.collection('users').authWithOTP(otpId, code);
    expect(res.record.email).toBe('otp@example.com');
    expect(pb.authStore.record?.id).toBe(res.record.id);
  });

  it('asks for a second factor when MFA applies, then completes with the mfaId', async () => {
    const users = await h.admin.collections.getOne('users');
    await h.admin.collections.update('users', { mfa: { ...(users.mfa as object), enabled: true, rule: "email ~ 'mfa'" } });
    try {
      await signUp('mfa@example.com');
      const pb = h.guest();
      const err = await pb.collection('users').authWithPassword('mfa@example.com', 'flow-pass-123').catch((e) => e);
      expect(err).toBeInstanceOf(PlinthError);
      expect(err.status).toBe(401);
      expect(err.mfaId).toMatch(/^[a-z0-9]{15}$/);
      expect(pb.authStore.token).toBe('');
      const { otpId } = await pb.collection('users').requestOTP('mfa@example.com');
      const code = codeFrom((await mail('mfa@example.com', (m) => codeFrom(m.html) !== '')).html);
      const res = await pb.collection('users').authWithOTP(otpId, code, { mfaId: err.mfaId });
      expect(res.record.email).toBe('mfa@example.com');
      expect(pb.authStore.isValid).toBe(true);
    } finally {
      await h.admin.collections.update('users', { mfa: { ...(users.mfa as object), enabled: false } });
    }
  });

  it('verifies an address and flips the stored record', async () => {
    await signUp('verify@example.com');
    const pb = h.guest();
    await pb.collection('users').authWithPassword('verify@example.com', 'flow-pass-123');
    expect(pb.authStore.record?.verified).toBe(false);
    await pb.collection('users').requestVerification('verify@example.com');
    const token = tokenFromMail(await mail('verify@example.com', (m) => m.html.includes('confirm-verification')), 'confirm-verification');
    await pb.collection('users').confirmVerification(token);
    expect(pb.authStore.record?.verified).toBe(true);
  });

  it('resets a password', async () => {
    await signUp('reset@example.com');
    const pb = h.guest();
    await pb.collection('users').requestPasswordReset('reset@example.com');
    const token = tokenFromMail(await mail('reset@example.com', (m) => m.html.includes('confirm-password-reset')), 'confirm-password-reset');
    await pb.collection('users').confirmPasswordReset(token, 'new-pass-4567', 'new-pass-4567');
    await expect(pb.collection('users').authWithPassword('reset@example.com', 'flow-pass-123')).rejects.toMatchObject({ status: 400 });
    await pb.collection('users').authWithPassword('reset@example.com', 'new-pass-4567');
  });

  it('changes the email and clears the stored auth', async () => {
    await signUp('old@example.com');
    const pb = h.guest();
    await pb.collection('users').authWithPassword('old@example.com', 'flow-pass-123');
    await pb.collection('users').requestEmailChange('new@example.com');
    const token = tokenFromMail(await mail('new@example.com', (m) => m.html.includes('confirm-email-change')), 'confirm-email-change');
    await pb.collection('users').confirmEmailChange(token, 'flow-pass-123');
    expect(pb.authStore.token).toBe('');
    await h.guest().collection('users').authWithPassword('new@example.com', 'flow-pass-123');
  });
});

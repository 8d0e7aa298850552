/**
 * Auth flows through the SDK against a real server whose mail goes to a local SMTP sink: OTP, MFA,
 * verification, password reset, email change, and OAuth2 (code and popup) against a mock OpenID provider.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, tokenFromMail, type SmtpSink } from '../../server/test/auth/support/smtp-sink.js';
import { createClient, MemoryAuthStore, PlinthError } from '../src/index.js';
import { startHarness, type Harness } from './support/plinth.js';

const codeFrom = (html: string) => /<strong>(\d+)<\/strong>/.exec(html)?.[1] ?? '';
const requireFromServer = createRequire(new URL('../../server/package.json', import.meta.url));

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

describe('oauth2', () => {
  let idp: { issuer: { url?: string; keys: { generate(alg: string): Promise<unknown> } }; start(port: number, host: string): Promise<void>; stop(): Promise<void>; service: { on(e: string, fn: (x: any) => void): void } };
  let user: Record<string, unknown>;

  beforeAll(async () => {
    const { OAuth2Server } = (await import(requireFromServer.resolve('oauth2-mock-server'))) as { OAuth2Server: new () => typeof idp };
    idp = new OAuth2Server();
    await idp.issuer.keys.generate('RS256');
    await idp.start(0, '127.0.0.1');
    idp.service.on('beforeTokenSigning', (token: { payload: Record<string, unknown> }) => Object.assign(token.payload, user));
    idp.service.on('beforeUserinfo', (res: { body: Record<string, unknown> }) => (res.body = { ...user }));
    const users = await h.admin.collections.getOne('users');
    await h.admin.collections.update('users', {
      oauth2: { ...(users.oauth2 as object), enabled: true, providers: [{ name: 'oidc', clientId: 'sdk-client', clientSecret: 'sdk-secret', extra: { issuer: idp.issuer.url } }] },
    });
  });
  afterAll(() => idp?.stop());

  it('exchanges a code (code flow)', async () => {
    user = { sub: 'code-1', email: 'code@idp.test', email_verified: true, name: 'Code' };
    const pb = h.guest();
    const methods = await pb.collection('users').listAuthMethods();
    const provider = methods.oauth2.providers.find((p) => p.name === 'oidc')!;
    const redirect = 'http://app.test/callback';
    const res = await fetch(provider.authURL + encodeURIComponent(redirect), { redirect: 'manual' });
    const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
    const auth = await pb.collection('users').authWithOAuth2Code('oidc', code, provider.codeVerifier, redirect, { name: 'Created' });
    expect(auth.record.email).toBe('code@idp.test');
    expect(auth.meta?.isNew).toBe(true);
    expect(pb.authStore.record?.id).toBe(auth.record.id);
  });

  // The server's realtime hub does not deliver `@oauth2` redirects yet (app.oauth2Redirect is unset), so this
  // checks the SDK's side up to the browser hand-off: private realtime client, provider URL, cleanup on abort.
  it('starts the popup flow over a private realtime connection and cleans up on abort', async () => {
    user = { sub: 'popup-1', email: 'popup@idp.test', email_verified: true, name: 'Popup' };
    const pb = createClient(h.url, { authStore: new MemoryAuthStore() });
    const ctrl = new AbortController();
    let opened = '';
    const flow = pb.collection('users').authWithOAuth2({
      provider: 'oidc',
      scopes: ['openid', 'email'],
      signal: ctrl.signal,
      urlCallback: (url) => {
        opened = url;
        ctrl.abort();
      },
    });
    await expect(flow).rejects.toMatchObject({ isAbort: true, status: 0 });
    const url = new URL(opened);
    expect(url.searchParams.get('redirect_uri')).toBe(`${h.url}/api/oauth2-redirect`);
    expect(url.searchParams.get('scope')).toBe('openid email');
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9]{40}$/); // the private realtime client id
    // The provider sends the browser back to the server's redirect endpoint with that state.
    const atIdp = await fetch(opened, { redirect: 'manual' });
    const back = new URL(atIdp.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(`${h.url}/api/oauth2-redirect`);
    expect(back.searchParams.get('state')).toBe(url.searchParams.get('state'));
    expect(pb.authStore.token).toBe('');
    expect(pb.realtime.isConnected).toBe(false);
  });
});

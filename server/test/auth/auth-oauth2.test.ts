/**
 * OAuth2 code + PKCE flow against a local mock OpenID provider (oauth2-mock-server): the generic OIDC provider
 * (discovery + id_token checks) and the google preset pointed at the mock; linking rules and the attacks the
 * issue lists (forged iss/aud/alg/expiry, unverified emails, createData.email, account pre-hijacking).
 */
import { SignJWT } from 'jose';
import { OAuth2Server } from 'oauth2-mock-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectApiError } from '../api/api-fixture.js';
import { testBackends } from '../support/test-database.js';
import { client, createUser, startAuthApi, type AuthApi } from './support/auth-fixture.js';

interface MockUser {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
}

describe.each(testBackends)('oauth2 on %s', (backend) => {
  let api: AuthApi;
  let idp: OAuth2Server;
  let issuer: string;
  let user: MockUser;
  const REDIRECT = 'http://app.test/callback';

  beforeAll(async () => {
    idp = new OAuth2Server();
    await idp.issuer.keys.generate('RS256');
    await idp.start(0, '127.0.0.1');
    issuer = idp.issuer.url!;
    idp.service.on('beforeTokenSigning', (token: { payload: Record<string, unknown> }) => Object.assign(token.payload, user));
    idp.service.on('beforeUserinfo', (res: { body: Record<string, unknown> }) => {
      res.body = { ...user, picture: 'https://img.example/p.png' };
    });
    api = await startAuthApi(backend);
    const users = await api.admin.collections.getOne('users');
    await api.admin.collections.update('users', {
      oauth2: {
        ...users.oauth2,
        enabled: true,
        providers: [
          { name: 'oidc', clientId: 'plinth-client', clientSecret: 'oidc-secret', extra: { issuer } },
          {
            name: 'google',
            clientId: 'google-client',
            clientSecret: 'google-secret',
            authURL: `${issuer}/authorize`,
            tokenURL: `${issuer}/token`,
            userInfoURL: `${issuer}/userinfo`,
          },
        ],
      },
    });
  });
  afterAll(async () => {
    await api?.close();
    await idp?.stop();
  });
  beforeEach(() => {
    user = { sub: 'sub-default', email: 'default@idp.test', email_verified: true, name: 'Default' };
  });

  /** Runs the browser part: auth-methods, the provider's authorize redirect; returns what the SDK needs. */
  async function authorize(provider: string) {
    const methods = await api.guest().collection('users').listAuthMethods();
    const info = methods.oauth2.providers.find((p) => p.name === provider)!;
    const res = await fetch(info.authURL + encodeURIComponent(REDIRECT), { redirect: 'manual' });
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('state')).toBe(info.state);
    return { code: location.searchParams.get('code')!, verifier: info.codeVerifier };
  }

  async function login(provider = 'oidc', createData: Record<string, unknown> = {}, pb = api.guest()) {
    const { code, verifier } = await authorize(provider);
    return pb.collection('users').authWithOAuth2Code(provider, code, verifier, REDIRECT, createData);
  }

  it('lists the providers with PKCE authorization URLs', async () => {
    const methods = await api.guest().collection('users').listAuthMethods();
    expect(methods.oauth2.enabled).toBe(true);
    const oidc = methods.oauth2.providers.find((p) => p.name === 'oidc')!;
    expect(oidc.authURL.startsWith(`${issuer}/authorize?`)).toBe(true);
    expect(oidc.authURL.endsWith('&redirect_uri=')).toBe(true);
    expect(oidc).toMatchObject({ codeChallengeMethod: 'S256', displayName: 'OpenID Connect' });
    expect(oidc.state).toHaveLength(30);
    const collection = await api.admin.collections.getOne('users');
    expect(JSON.stringify(collection.oauth2)).not.toContain('oidc-secret');
  });

  it('signs up with a verified OIDC identity, links it and logs in again through the link', async () => {
    user = { sub: 'sub-alice', email: 'alice@idp.test', email_verified: true, name: 'Alice' };
    const first = await login('oidc', { email: 'attacker@evil.test', name: 'Custom' });
    expect(first.meta).toMatchObject({ id: 'sub-alice', email: 'alice@idp.test', isNew: true });
    // The provider's verified address wins over createData.email and marks the record verified.
    expect(first.record).toMatchObject({ email: 'alice@idp.test', verified: true, name: 'Custom' });

    user = { sub: 'sub-alice', email: 'changed@idp.test', email_verified: true };
    const again = await login('oidc');
    expect(again.record.id).toBe(first.record.id);
    expect(again.meta?.isNew).toBe(false);
    const links = await api.admin.collection('_externalAuths').getFullList({ filter: `recordRef = "${first.record.id}"` });
    expect(links.map((l) => [l.provider, l.providerId])).toEqual([['oidc', 'sub-alice']]);
    const pb = client(api.url);
    pb.authStore.save(again.token, again.record);
    expect((await pb.collection('users').listExternalAuths(first.record.id)).length).toBe(1);
  });

  it('works with the google preset pointed at the mock (userinfo, PKCE)', async () => {
    user = { sub: 'g-123', email: 'gina@gmail.test', email_verified: true, name: 'Gina' };
    const auth = await login('google');
    expect(auth.record).toMatchObject({ email: 'gina@gmail.test', verified: true, name: 'Gina' });
    expect(auth.meta?.avatarURL).toBe('https://img.example/p.png');
  });

  it('rejects forged, misaddressed, expired and unsigned id_tokens', async () => {
    user = { sub: 'sub-forged', email: 'forged@idp.test', email_verified: true };
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: 'sub-forged', email: 'forged@idp.test', email_verified: true, iat: now };
    const forgeries: Record<string, () => Promise<string>> = {
      'foreign issuer': () => idp.issuer.buildToken({ scopesOrTransform: (_h, p) => Object.assign(p, claims, { iss: 'https://evil.example', aud: 'plinth-client' }) }),
      'wrong audience': () => idp.issuer.buildToken({ scopesOrTransform: (_h, p) => Object.assign(p, claims, { aud: 'another-client' }) }),
      expired: () => idp.issuer.buildToken({ expiresIn: -600, scopesOrTransform: (_h, p) => Object.assign(p, claims, { aud: 'plinth-client', iat: now - 7200 }) }),
      'alg none': async () => {
        const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
        return `${enc({ alg: 'none', typ: 'JWT' })}.${enc({ ...claims, iss: issuer, aud: 'plinth-client', exp: now + 600 })}.`;
      },
      'HMAC with the client secret': () =>
        new SignJWT({ ...claims, iss: issuer, aud: 'plinth-client' })
          .setProtectedHeader({ alg: 'HS256' })
          .setExpirationTime(now + 600)
          .sign(new TextEncoder().encode('oidc-secret')),
    };
    for (const [name, forge] of Object.entries(forgeries)) {
      const token = await forge();
      idp.service.once('beforeResponse', (res: { body: Record<string, unknown> }) => {
        res.body.id_token = token;
      });
      const err = await expectApiError(login('oidc'), 400);
      expect(err.response.message, name).toBe('Failed to authenticate.');
    }
    expect(await api.admin.collection('users').getFullList({ filter: 'email = "forged@idp.test"' })).toEqual([]);
  });

  it('never links or trusts an email the provider did not verify', async () => {
    const { record: victim } = await createUser(api, 'victim@example.com', 'victim-pass-1');
    user = { sub: 'sub-mallory', email: 'victim@example.com', email_verified: false };
    await expectApiError(login('oidc'), 400); // no trusted email and none given: the sign-up lacks an email
    const own = await login('oidc', { email: 'mallory@evil.test' });
    expect(own.record.id).not.toBe(victim.id);
    expect(own.record).toMatchObject({ email: 'mallory@evil.test', verified: false });
    const victimLinks = await api.admin.collection('_externalAuths').getFullList({ filter: `recordRef = "${victim.id}"` });
    expect(victimLinks).toEqual([]);
    expect((await api.admin.collection('users').getOne(victim.id)).verified).toBe(false);
  });

  it('takes over a pre-registered unverified account safely (anti pre-hijacking)', async () => {
    // The attacker registers the victim's address first, with a password of their own.
    const { pb: attacker, record } = await createUser(api, 'target@example.com', 'attacker-pass-1');
    user = { sub: 'sub-target', email: 'target@example.com', email_verified: true };
    const auth = await login('oidc');
    expect(auth.record).toMatchObject({ id: record.id, verified: true });
    await expectApiError(api.guest().collection('users').authWithPassword('target@example.com', 'attacker-pass-1'), 400);
    await expectApiError(attacker.collection('users').authRefresh(), 401);
  });

  it('links a new identity to the logged-in record', async () => {
    const { pb, record } = await createUser(api, 'linker@example.com', 'linker-pass-1');
    user = { sub: 'sub-linker-gh', name: 'No Email' };
    const auth = await login('oidc', {}, pb);
    expect(auth.record.id).toBe(record.id);
    expect(auth.meta?.isNew).toBe(false);
  });

  it('refuses unknown providers and disabled collections', async () => {
    await expectApiError(api.guest().collection('users').authWithOAuth2Code('github', 'x', 'y', REDIRECT), 400);
    await expectApiError(api.guest().collection('_superusers').authWithOAuth2Code('oidc', 'x', 'y', REDIRECT), 403);
    await expectApiError(api.guest().collection('users').authWithOAuth2Code('oidc', 'bad-code', 'y', REDIRECT), 400);
  });

  it('hands the redirect to the realtime sink and sends the browser on', async () => {
    const noSink = await fetch(`${api.url}/api/oauth2-redirect?state=abc&code=xyz`, { redirect: 'manual' });
    expect(noSink.status).toBe(307);
    expect(noSink.headers.get('location')).toBe('../_/#/auth/oauth2-redirect-failure');

    const delivered: unknown[] = [];
    api.app.oauth2Redirect = { deliver: async (payload) => (delivered.push(payload), payload.state === 'client-1') };
    try {
      const ok = await fetch(`${api.url}/api/oauth2-redirect?state=client-1&code=the-code`, { redirect: 'manual' });
      expect([ok.status, ok.headers.get('location')]).toEqual([307, '../_/#/auth/oauth2-redirect-success']);
      const form = await fetch(`${api.url}/api/oauth2-redirect`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'state=client-1&code=posted',
      });
      expect([form.status, form.headers.get('location')]).toEqual([303, '../_/#/auth/oauth2-redirect-success']);
      expect(delivered).toEqual([
        { state: 'client-1', code: 'the-code' },
        { state: 'client-1', code: 'posted' },
      ]);
    } finally {
      api.app.oauth2Redirect = undefined;
    }
  });
});

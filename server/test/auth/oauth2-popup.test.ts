/**
 * The all-in-one OAuth2 flow (contract 5.6) end to end with the official SDK in Node: `authWithOAuth2({provider,
 * urlCallback})` opens a realtime connection subscribed to `@oauth2`, the "browser" (fetch, in urlCallback)
 * follows the mock provider's authorize URL back to `/api/oauth2-redirect`, the redirect hands the code to the
 * realtime client whose id is the state, and the SDK completes the sign-in with the code and its PKCE verifier.
 */
import { EventSource } from 'eventsource';
import { OAuth2Server } from 'oauth2-mock-server';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testBackends } from '../support/test-database.js';
import { startAuthApi, type AuthApi } from './support/auth-fixture.js';

(globalThis as { EventSource?: unknown }).EventSource ??= EventSource;

const SUCCESS = '/_/#/auth/oauth2-redirect-success';
const FAILURE = '/_/#/auth/oauth2-redirect-failure';

/** One browser hop without following it: the Location header, resolved. */
async function hop(url: string, init: RequestInit = {}): Promise<{ status: number; location: string }> {
  const res = await fetch(url, { ...init, redirect: 'manual' });
  await res.arrayBuffer();
  const location = res.headers.get('location');
  return { status: res.status, location: location ? new URL(location, url).toString() : '' };
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(testBackends)('oauth2 popup flow over realtime on %s', (backend) => {
  let api: AuthApi;
  let idp: OAuth2Server;
  let user: Record<string, unknown>;
  const clients: PocketBase[] = [];
  const guest = () => {
    const pb = api.guest();
    clients.push(pb);
    return pb;
  };

  beforeAll(async () => {
    idp = new OAuth2Server();
    await idp.issuer.keys.generate('RS256');
    await idp.start(0, '127.0.0.1');
    idp.service.on('beforeTokenSigning', (token: { payload: Record<string, unknown> }) => Object.assign(token.payload, user));
    idp.service.on('beforeUserinfo', (res: { body: Record<string, unknown> }) => {
      res.body = { ...user };
    });
    api = await startAuthApi(backend);
    const users = await api.admin.collections.getOne('users');
    await api.admin.collections.update('users', {
      oauth2: { ...users.oauth2, enabled: true, providers: [{ name: 'oidc', clientId: 'popup-client', clientSecret: 's', extra: { issuer: idp.issuer.url } }] },
    });
  });
  afterAll(async () => {
    for (const pb of clients) await pb.realtime.unsubscribe().catch(() => undefined);
    await api?.close();
    await idp?.stop();
  });
  beforeEach(() => {
    user = { sub: 'popup-default', email: 'popup@idp.test', email_verified: true, name: 'Popup' };
  });

  it('signs in through the provider, /api/oauth2-redirect and the realtime @oauth2 message', async () => {
    user = { sub: 'popup-ann', email: 'ann-popup@idp.test', email_verified: true, name: 'Ann' };
    const pb = guest();
    const landings: string[] = [];
    const auth = await pb.collection('users').authWithOAuth2({
      provider: 'oidc',
      createData: { name: 'Ann P' },
      urlCallback: async (url) => {
        const authorize = new URL(url);
        expect(authorize.searchParams.get('redirect_uri')).toBe(`${api.url}/api/oauth2-redirect`);
        // The provider answers with a redirect to Plinth, which answers with the dashboard's result page.
        const provider = await hop(url);
        expect(provider.location.startsWith(`${api.url}/api/oauth2-redirect?`)).toBe(true);
        const landing = await hop(provider.location);
        expect(landing.status).toBe(307);
        landings.push(landing.location);
      },
    });
    expect(landings).toEqual([`${api.url}${SUCCESS}`]);
    expect(auth.meta).toMatchObject({ id: 'popup-ann', email: 'ann-popup@idp.test', isNew: true });
    expect(auth.record).toMatchObject({ email: 'ann-popup@idp.test', verified: true, name: 'Ann P' });
    expect(pb.authStore.isValid).toBe(true);
    expect(pb.authStore.record?.id).toBe(auth.record.id);
    // The token works, and a second popup sign-in finds the same record through its link.
    expect((await pb.collection('users').authRefresh()).record.id).toBe(auth.record.id);
    const again = await guest().collection('users').authWithOAuth2({ provider: 'oidc', urlCallback: async (url) => void (await hop((await hop(url)).location)) });
    expect(again.record.id).toBe(auth.record.id);
    expect(again.meta?.isNew).toBe(false);
  });

  it('answers a form POST redirect (response_mode=form_post) with 303', async () => {
    user = { sub: 'popup-post', email: 'post-popup@idp.test', email_verified: true };
    const pb = guest();
    const auth = await pb.collection('users').authWithOAuth2({
      provider: 'oidc',
      urlCallback: async (url) => {
        const back = new URL((await hop(url)).location);
        const form = new URLSearchParams({ code: back.searchParams.get('code')!, state: back.searchParams.get('state')! });
        const landing = await hop(`${api.url}/api/oauth2-redirect`, { method: 'POST', body: form });
        expect(landing).toEqual({ status: 303, location: `${api.url}${SUCCESS}` });
      },
    });
    expect(auth.record.email).toBe('post-popup@idp.test');
  });

  it('passes a provider error to the SDK, which rejects', async () => {
    const pb = guest();
    const flow = pb.collection('users').authWithOAuth2({
      provider: 'oidc',
      urlCallback: async (url) => {
        const state = new URL(url).searchParams.get('state')!;
        const landing = await hop(`${api.url}/api/oauth2-redirect?state=${state}&error=access_denied`);
        expect(landing.location).toBe(`${api.url}${FAILURE}`);
      },
    });
    await expect(flow).rejects.toMatchObject({ originalError: { message: expect.stringContaining('access_denied') } });
    expect(pb.authStore.isValid).toBe(false);
  });

  it('delivers only to the subscribed client with the same IP, and only once', async () => {
    const pb = guest();
    const got: Record<string, unknown>[] = [];
    await pb.realtime.subscribe('@oauth2', (e) => got.push(e));
    const clientId = pb.realtime.clientId;
    const sink = api.app.oauth2Redirect!;

    // Unknown states and other IPs are refused; the browser lands on the failure page.
    expect(await hop(`${api.url}/api/oauth2-redirect?state=nobody&code=c1`)).toMatchObject({ location: `${api.url}${FAILURE}` });
    expect(await sink.deliver({ state: clientId, code: 'c2' }, '203.0.113.7')).toBe(false);

    // A connected client that did not subscribe to @oauth2 gets nothing either.
    const other = guest();
    await other.realtime.subscribe('users/*', () => undefined);
    expect(await hop(`${api.url}/api/oauth2-redirect?state=${other.realtime.clientId}&code=c3`)).toMatchObject({ location: `${api.url}${FAILURE}` });

    expect(await hop(`${api.url}/api/oauth2-redirect?state=${clientId}&code=c4`)).toEqual({ status: 307, location: `${api.url}${SUCCESS}` });
    await waitFor(() => got.length > 0, 'the @oauth2 message');
    expect(got).toEqual([{ state: clientId, code: 'c4' }]);
    // Unsubscribed with the delivery: a replayed redirect finds nobody.
    expect(await hop(`${api.url}/api/oauth2-redirect?state=${clientId}&code=c5`)).toMatchObject({ location: `${api.url}${FAILURE}` });
    await new Promise((r) => setTimeout(r, 300));
    expect(got).toHaveLength(1);
  });
});

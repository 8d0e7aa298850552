/**
 * OAuth2 through the SDK against a real Plinth and a fake OpenID provider on loopback: the code flow, and the
 * all-in-one popup flow end to end (`authWithOAuth2` subscribes to `@oauth2`, the urlCallback plays the browser
 * through the provider to `/api/oauth2-redirect`, whose answer reaches the SDK over realtime), including every
 * way it can fail: each must settle as a PlinthError, never hang.
 */
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient, MemoryAuthStore, PlinthError } from '../src/index.js';
import { hop, startOAuth2Provider, type FakeProvider } from './support/oauth2-provider.js';
import { startHarness, type Harness } from './support/plinth.js';

const SUCCESS = '/_/#/auth/oauth2-redirect-success';
const FAILURE = '/_/#/auth/oauth2-redirect-failure';

let h: Harness;
let idp: FakeProvider;
beforeAll(async () => {
  h = await startHarness();
  idp = await startOAuth2Provider(h);
});
afterAll(async () => {
  await h?.close();
  await idp?.stop();
});
beforeEach(() => {
  idp.user = { sub: 'default', email: 'default@idp.test', email_verified: true };
});

/** The browser of the popup: the provider's authorize page, then Plinth's redirect sink; returns where it lands. */
async function browse(authorizeUrl: string): Promise<string> {
  const atProvider = await hop(authorizeUrl);
  expect(atProvider.location.startsWith(`${h.url}/api/oauth2-redirect?`)).toBe(true);
  const landing = await hop(atProvider.location);
  expect(landing.status).toBe(307);
  return landing.location;
}

describe('oauth2 code flow', () => {
  it('exchanges a code', async () => {
    idp.user = { sub: 'code-1', email: 'code@idp.test', email_verified: true, name: 'Code' };
    const pb = h.guest();
    const provider = (await pb.collection('users').listAuthMethods()).oauth2.providers.find((p) => p.name === 'oidc')!;
    const redirect = 'http://app.test/callback';
    const code = new URL((await hop(provider.authURL + encodeURIComponent(redirect))).location).searchParams.get('code')!;
    const auth = await pb.collection('users').authWithOAuth2Code('oidc', code, provider.codeVerifier, redirect, { name: 'Created' });
    expect(auth.record.email).toBe('code@idp.test');
    expect(auth.meta?.isNew).toBe(true);
    expect(pb.authStore.record?.id).toBe(auth.record.id);
  });
});

describe('oauth2 popup flow', () => {
  it('signs in through the provider, the redirect sink and the realtime @oauth2 message', async () => {
    idp.user = { sub: 'popup-ann', email: 'ann@idp.test', email_verified: true, name: 'Ann' };
    const pb = h.guest();
    // The SDK may hear the realtime message before the browser gets its landing page: both are awaited.
    const landings: Promise<string>[] = [];
    const auth = await pb.collection('users').authWithOAuth2({
      provider: 'oidc',
      scopes: ['openid', 'email'],
      createData: { name: 'Ann P' },
      urlCallback: async (url) => {
        const authorize = new URL(url);
        expect(authorize.searchParams.get('redirect_uri')).toBe(`${h.url}/api/oauth2-redirect`);
        expect(authorize.searchParams.get('scope')).toBe('openid email');
        expect(authorize.searchParams.get('state')).toMatch(/^[A-Za-z0-9]{40}$/); // the private realtime client id
        landings.push(browse(url));
      },
    });
    expect(await Promise.all(landings)).toEqual([`${h.url}${SUCCESS}`]);
    expect(auth.token).toMatch(/^ey/);
    expect(auth.meta).toMatchObject({ id: 'popup-ann', email: 'ann@idp.test', isNew: true });
    expect(auth.record).toMatchObject({ email: 'ann@idp.test', verified: true, name: 'Ann P' });
    expect(pb.authStore.token).toBe(auth.token);
    expect((await pb.collection('users').authRefresh()).record.id).toBe(auth.record.id);
    // The flow's connection was private: the client's own realtime was never opened.
    expect(pb.realtime.isConnected).toBe(false);

    const again = await h.guest().collection('users').authWithOAuth2({ provider: 'oidc', urlCallback: async (url) => void (await browse(url)) });
    expect(again.record.id).toBe(auth.record.id);
    expect(again.meta?.isNew).toBe(false);
  });

  it('rejects with the provider error the redirect sink passes on', async () => {
    idp.onNextRedirect((params) => {
      params.delete('code');
      params.set('error', 'access_denied');
    });
    const pb = h.guest();
    let landing: Promise<string> | undefined;
    const err = await pb
      .collection('users')
      .authWithOAuth2({ provider: 'oidc', timeout: 600_000, urlCallback: (url) => void (landing = browse(url)) })
      .catch((e: unknown) => e);
    expect(await landing).toBe(`${h.url}${FAILURE}`);
    expect(err).toBeInstanceOf(PlinthError);
    expect(err).toMatchObject({ status: 400, message: expect.stringContaining('access_denied') });
    expect(pb.authStore.token).toBe('');
  });

  it('rejects when its timeout passes without an answer (the provider came back with another state)', async () => {
    idp.onNextRedirect((params) => params.set('state', 'x'.repeat(40)));
    const pb = h.guest();
    let landing: Promise<string> | undefined;
    const err = await pb
      .collection('users')
      .authWithOAuth2({ provider: 'oidc', timeout: 5_000, urlCallback: (url) => void (landing = browse(url)) })
      .catch((e: unknown) => e);
    // Plinth knows no waiting client by that state: the browser lands on the failure page, the SDK hears nothing.
    expect(await landing).toBe(`${h.url}${FAILURE}`);
    expect(err).toBeInstanceOf(PlinthError);
    expect(err).toMatchObject({ status: 0, isAbort: false, message: 'No OAuth2 answer from the provider within 5000 ms.' });
  });

  it('rejects at once when its realtime connection drops (the state named the lost connection)', async () => {
    const proxy = await startProxy(h.url);
    try {
      const pb = createClient(proxy.url, { authStore: new MemoryAuthStore() });
      const err = await pb
        .collection('users')
        .authWithOAuth2({ provider: 'oidc', timeout: 600_000, urlCallback: () => proxy.dropConnections() })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PlinthError);
      expect(err).toMatchObject({ status: 0, message: expect.stringContaining('connection of the OAuth2 flow was lost') });
    } finally {
      await proxy.close();
    }
  });

  it('rejects on abort, on a failing urlCallback, on an unknown provider, and without any way to open the URL', async () => {
    const users = h.guest().collection('users');
    const ctrl = new AbortController();
    await expect(users.authWithOAuth2({ provider: 'oidc', signal: ctrl.signal, urlCallback: () => ctrl.abort() })).rejects.toMatchObject({
      isAbort: true,
      status: 0,
    });
    await expect(
      users.authWithOAuth2({
        provider: 'oidc',
        urlCallback: () => {
          throw new Error('popup blocked');
        },
      }),
    ).rejects.toThrow('popup blocked');
    await expect(users.authWithOAuth2({ provider: 'nope', urlCallback: () => undefined })).rejects.toMatchObject({ status: 400, message: 'Missing or invalid provider "nope".' });
    await expect(users.authWithOAuth2({ provider: 'oidc' })).rejects.toMatchObject({ status: 400, message: expect.stringContaining('urlCallback') });
  });
});

describe('oauth2 popup flow with the default popup (window.open)', () => {
  afterEach(() => vi.unstubAllGlobals());

  /** A browser's window.open: each window browses through the provider when navigated (or calls `onNavigate`). */
  function stubWindowOpen(opts: { blocked?: boolean; onNavigate?: (url: string) => void } = {}) {
    const calls: string[] = [];
    const windows: { closed: boolean; landing?: Promise<string>; close(): void }[] = [];
    vi.stubGlobal('open', (url: string) => {
      calls.push(url);
      if (opts.blocked) return null;
      const win = {
        closed: false,
        landing: undefined as Promise<string> | undefined,
        close: () => void (win.closed = true),
        location: { set href(to: string) { if (opts.onNavigate) opts.onNavigate(to); else win.landing = browse(to); } },
      };
      windows.push(win);
      return win;
    });
    return { calls, windows };
  }

  it('opens the popup blank before any await, then sends it through the provider; the result page closes it', async () => {
    idp.user = { sub: 'popup-bea', email: 'bea@idp.test', email_verified: true };
    const browser = stubWindowOpen();
    const pending = h.guest().collection('users').authWithOAuth2({ provider: 'oidc' });
    // Synchronously, while the click that started the flow still allows a popup.
    expect(browser.calls).toEqual(['']);
    const auth = await pending;
    expect(auth.record).toMatchObject({ email: 'bea@idp.test' });
    expect(await browser.windows[0]!.landing).toBe(`${h.url}${SUCCESS}`);
    expect(browser.windows[0]!.closed).toBe(false);

    idp.onNextRedirect((params) => {
      params.delete('code');
      params.set('error', 'access_denied');
    });
    await expect(h.guest().collection('users').authWithOAuth2({ provider: 'oidc', timeout: 600_000 })).rejects.toThrow('access_denied');
    expect(await browser.windows[1]!.landing).toBe(`${h.url}${FAILURE}`);
    expect(browser.windows[1]!.closed).toBe(false);
  });

  it('closes the popup when the flow ends without an answer (unknown provider, abort)', async () => {
    const ctrl = new AbortController();
    const browser = stubWindowOpen({ onNavigate: () => ctrl.abort() });
    const users = h.guest().collection('users');
    await expect(users.authWithOAuth2({ provider: 'nope' })).rejects.toMatchObject({ status: 400, message: 'Missing or invalid provider "nope".' });
    await expect(users.authWithOAuth2({ provider: 'oidc', signal: ctrl.signal })).rejects.toMatchObject({ isAbort: true });
    expect(browser.windows.map((w) => w.closed)).toEqual([true, true]);
  });

  it('rejects when the browser blocks the popup, after trying once more with the URL', async () => {
    const browser = stubWindowOpen({ blocked: true });
    const err = await h.guest().collection('users').authWithOAuth2({ provider: 'oidc', timeout: 600_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PlinthError);
    expect(err).toMatchObject({ status: 0, message: expect.stringContaining('blocked the OAuth2 popup') });
    expect(browser.calls).toEqual(['', expect.stringContaining('state=')]);
  });
});

/** A loopback TCP proxy to Plinth whose connections can be cut (to drop the SDK's realtime stream). */
async function startProxy(target: string): Promise<{ url: string; dropConnections(): void; close(): Promise<void> }> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  const server: Server = createServer((inbound) => {
    const outbound = connect(Number(port), hostname);
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const dropConnections = () => sockets.forEach((s) => s.destroy());
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    dropConnections,
    close: () => {
      dropConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

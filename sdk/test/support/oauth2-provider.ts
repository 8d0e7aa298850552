/**
 * A fake OpenID provider on loopback (oauth2-mock-server, a server devDependency) for the SDK's OAuth2 tests
 * and the browser tests (e2e/), and the hops a browser makes through it.
 */
import { createRequire } from 'node:module';
import type { PlinthClient } from '../../src/index.js';

interface MockServer {
  issuer: { url?: string; keys: { generate(alg: string): Promise<unknown> } };
  service: { on(e: string, fn: (...args: any[]) => void): void; once(e: string, fn: (...args: any[]) => void): void };
  start(port: number, host: string): Promise<void>;
  stop(): Promise<void>;
}

export interface FakeProvider {
  /** The identity the next sign-in returns (id token claims and userinfo). */
  user: Record<string, unknown>;
  /** Rewrites the provider's next redirect back to the app (to answer with an error, another state, …). */
  onNextRedirect(rewrite: (params: URLSearchParams) => void): void;
  stop(): Promise<void>;
}

const requireFromServer = createRequire(new URL('../../../server/package.json', import.meta.url));

/** Starts the provider and configures it as `name` on the `users` collection, through a superuser client. */
export async function startOAuth2Provider(h: { admin: PlinthClient }, name = 'oidc'): Promise<FakeProvider> {
  const { OAuth2Server } = (await import(requireFromServer.resolve('oauth2-mock-server'))) as { OAuth2Server: new () => MockServer };
  const idp = new OAuth2Server();
  await idp.issuer.keys.generate('RS256');
  await idp.start(0, '127.0.0.1');
  const provider: FakeProvider = {
    user: {},
    onNextRedirect: (rewrite) => idp.service.once('beforeAuthorizeRedirect', (redirect: { url: URL }) => rewrite(redirect.url.searchParams)),
    stop: () => idp.stop(),
  };
  idp.service.on('beforeTokenSigning', (token: { payload: Record<string, unknown> }) => Object.assign(token.payload, provider.user));
  idp.service.on('beforeUserinfo', (res: { body: Record<string, unknown> }) => (res.body = { ...provider.user }));
  const users = await h.admin.collections.getOne('users');
  await h.admin.collections.update('users', {
    oauth2: { ...(users.oauth2 as object), enabled: true, providers: [{ name, clientId: 'sdk-client', clientSecret: 'sdk-secret', extra: { issuer: idp.issuer.url } }] },
  });
  return provider;
}

/** One browser hop without following it: the status and the resolved Location. */
export async function hop(url: string): Promise<{ status: number; location: string }> {
  const res = await fetch(url, { redirect: 'manual' });
  await res.arrayBuffer();
  const location = res.headers.get('location');
  return { status: res.status, location: location ? new URL(location, url).toString() : '' };
}

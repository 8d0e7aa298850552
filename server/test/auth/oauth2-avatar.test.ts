/**
 * OAuth2 sign-up downloads the provider's avatar into the mapped file field (users.avatar), through the same
 * SSRF guard as webhooks: only the provider's own origin may be a private address (the local mock here);
 * other private targets, redirects to them, oversized or non-image answers leave the field empty, and never
 * fail the sign-in.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OAuth2Server } from 'oauth2-mock-server';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '../support/test-database.js';
import { startAuthApi, type AuthApi } from './support/auth-fixture.js';

const REDIRECT = 'http://app.test/callback';

describe.each(testBackends)('oauth2 avatar on %s', (backend) => {
  let api: AuthApi;
  let idp: OAuth2Server;
  let issuer: string;
  let png: Buffer;
  let user: Record<string, unknown> = {};
  const hits: Record<string, number> = {};
  // A second loopback origin: private, and not the provider's.
  let other: Server;
  let otherUrl: string;

  const serve = (path: string, answer: (res: import('node:http').ServerResponse) => void) =>
    idp.service.addRoute('GET', path, (_req, res) => {
      hits[path] = (hits[path] ?? 0) + 1;
      answer(res);
    });

  beforeAll(async () => {
    png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c33' } }).png().toBuffer();
    idp = new OAuth2Server();
    await idp.issuer.keys.generate('RS256');
    await idp.start(0, '127.0.0.1');
    issuer = idp.issuer.url!;
    idp.service.on('beforeTokenSigning', (token: { payload: Record<string, unknown> }) => Object.assign(token.payload, user));
    idp.service.on('beforeUserinfo', (res: { body: Record<string, unknown> }) => {
      res.body = { ...user };
    });
    serve('/avatar.png', (res) => res.writeHead(200, { 'Content-Type': 'image/png' }).end(png));
    serve('/huge.png', (res) => res.writeHead(200, { 'Content-Type': 'image/png' }).end(Buffer.concat([png, Buffer.alloc(8000)])));
    serve('/page', (res) => res.writeHead(200, { 'Content-Type': 'image/png' }).end('<html><body>not an image</body></html>'));
    serve('/hop', (res) => res.writeHead(302, { Location: `${otherUrl}/avatar.png` }).end());
    serve('/missing.png', (res) => res.writeHead(404).end());
    other = createServer((_req, res) => {
      hits.other = (hits.other ?? 0) + 1;
      res.writeHead(200, { 'Content-Type': 'image/png' }).end(png);
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    otherUrl = `http://localhost:${(other.address() as AddressInfo).port}`;

    api = await startAuthApi(backend);
    const users = await api.admin.collections.getOne('users');
    const fields = users.fields.map((f: Record<string, unknown>) => (f.name === 'avatar' ? { ...f, maxSize: 4096 } : f));
    await api.admin.collections.update('users', {
      fields,
      oauth2: { ...users.oauth2, enabled: true, providers: [{ name: 'oidc', clientId: 'avatar-client', clientSecret: 's', extra: { issuer } }] },
    });
  });
  afterAll(async () => {
    await api?.close();
    await idp?.stop();
    await new Promise((r) => other?.close(r));
  });

  async function signIn(sub: string, picture: string) {
    user = { sub, email: `${sub}@idp.test`, email_verified: true, name: sub, picture };
    const pb = api.guest();
    const methods = await pb.collection('users').listAuthMethods();
    const info = methods.oauth2.providers.find((p) => p.name === 'oidc')!;
    const res = await fetch(info.authURL + encodeURIComponent(REDIRECT), { redirect: 'manual' });
    const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
    return pb.collection('users').authWithOAuth2Code('oidc', code, info.codeVerifier, REDIRECT);
  }

  it("stores the provider's avatar in the mapped file field on sign-up, not on later sign-ins", async () => {
    const auth = await signIn('av-ann', `${issuer}/avatar.png`);
    expect(auth.meta?.isNew).toBe(true);
    const avatar = String(auth.record.avatar);
    expect(avatar).toMatch(/^avatar_\w{10}\.png$/);
    const file = await fetch(api.guest().files.getURL(auth.record, avatar));
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(png)).toBe(true);

    const before = hits['/avatar.png'];
    const again = await signIn('av-ann', `${issuer}/avatar.png`);
    expect(again.record.id).toBe(auth.record.id);
    expect(again.record.avatar).toBe(avatar);
    expect(hits['/avatar.png']).toBe(before);
  });

  it('refuses private targets other than the provider, also behind a redirect, and still signs in', async () => {
    const direct = await signIn('av-bob', `${otherUrl}/avatar.png`);
    const hop = await signIn('av-cat', `${issuer}/hop`);
    const metadata = await signIn('av-dan', 'http://169.254.169.254/latest/meta-data/avatar.png');
    for (const auth of [direct, hop, metadata]) {
      expect(auth.meta?.isNew).toBe(true);
      expect(auth.record.avatar).toBe('');
    }
    expect(hits['/hop']).toBe(1);
    expect(hits.other ?? 0).toBe(0);
  });

  it('skips oversized, non-image and failing downloads without failing the sign-in', async () => {
    for (const [sub, path] of [['av-eve', '/huge.png'], ['av-fay', '/page'], ['av-gus', '/missing.png']]) {
      const auth = await signIn(sub, `${issuer}${path}`);
      expect(auth.record, path).toMatchObject({ email: `${sub}@idp.test`, avatar: '' });
      expect(hits[path], path).toBe(1);
    }
  });
});

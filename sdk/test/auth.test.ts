import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, decodeToken, MemoryAuthStore, PlinthError } from '../src/index.js';
import { startHarness, type Harness } from './support/plinth.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.admin.collection('users').create({ email: 'ann@example.com', password: 'ann-pass-1234', passwordConfirm: 'ann-pass-1234', name: 'Ann' });
});
afterAll(() => h?.close());

describe('password auth and the auth store', () => {
  it('logs in, stores the token and record, notifies onChange, and clears', async () => {
    const pb = h.guest();
    const seen: string[] = [];
    const off = pb.authStore.onChange((token, record) => seen.push(token ? `in:${record?.email}` : 'out'));
    const res = await pb.collection('users').authWithPassword('ann@example.com', 'ann-pass-1234');
    expect(res.record.email).toBe('ann@example.com');
    expect(pb.authStore.token).toBe(res.token);
    expect(pb.authStore.isValid).toBe(true);
    expect(pb.authStore.isSuperuser).toBe(false);
    // The token authenticates later requests (users rules: id = @request.auth.id).
    expect((await pb.collection('users').list()).items.map((u) => u.email)).toEqual(['ann@example.com']);
    pb.authStore.clear();
    off();
    pb.authStore.save('x', null);
    expect(seen).toEqual(['in:ann@example.com', 'out']);
  });

  it('rejects wrong passwords with a 400 PlinthError', async () => {
    const err = await h.guest().collection('users').authWithPassword('ann@example.com', 'wrong').catch((e) => e);
    expect(err).toBeInstanceOf(PlinthError);
    expect(err.status).toBe(400);
  });

  it('knows a superuser and refreshes a token that is about to expire', async () => {
    expect(h.admin.authStore.isSuperuser).toBe(true);
    const pb = createClient(h.url, { authStore: new MemoryAuthStore(), autoRefreshThreshold: 10 * 365 * 24 * 3600 });
    await pb.collection('users').authWithPassword('ann@example.com', 'ann-pass-1234');
    const first = pb.authStore.token;
    await new Promise((r) => setTimeout(r, 1100)); // a new exp needs the clock to move a second
    await pb.collection('users').list();
    expect(pb.authStore.token).not.toBe(first);
    expect(decodeToken(pb.authStore.token).exp).toBeGreaterThan(decodeToken(first).exp!);
  });

  it('round-trips the auth through a cookie for SSR', async () => {
    const pb = h.guest();
    await pb.collection('users').authWithPassword('ann@example.com', 'ann-pass-1234');
    const cookie = pb.authStore.exportToCookie();
    expect(cookie).toMatch(/^pb_auth=.*; Path=\/; Expires=.*; HttpOnly; Secure; SameSite=Strict$/);
    const server = new MemoryAuthStore();
    server.loadFromCookie('other=1; ' + cookie.split(';')[0]);
    expect(server.token).toBe(pb.authStore.token);
    expect(server.record?.email).toBe('ann@example.com');
    server.loadFromCookie('pb_auth=garbage');
    expect(server.token).toBe('');
  });

  it('impersonates a user as a superuser (non-refreshable token)', async () => {
    const ann = await h.admin.collection('users').getFirst((f) => f.eq('email', 'ann@example.com'));
    const { client, token } = await h.admin.collection('users').impersonate(ann.id, 3600);
    expect(decodeToken(token).refreshable).toBe(false);
    expect(client.authStore.record?.id).toBe(ann.id);
    const me = await client.collection('users').getOne(ann.id);
    expect(me.email).toBe('ann@example.com');
  });

  it('updates the stored record when the logged-in record changes', async () => {
    const pb = h.guest();
    const { record } = await pb.collection('users').authWithPassword('ann@example.com', 'ann-pass-1234');
    await pb.collection('users').update(record.id, { name: 'Ann B' });
    expect(pb.authStore.record?.name).toBe('Ann B');
  });
});

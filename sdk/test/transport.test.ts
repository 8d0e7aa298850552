/** Transport against a real server: retries on 429 for idempotent calls only, hooks, aborts. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, MemoryAuthStore, PlinthError } from '../src/index.js';
import { startHarness, type Harness } from './support/plinth.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.admin.collections.create({
    name: 'gated',
    type: 'base',
    listRule: '@request.headers.x_app_key = "k-123"',
    createRule: '',
    fields: [{ name: 'text', type: 'text' }],
  });
  await h.admin.collection('gated').create({ text: 'x' });
});
afterAll(() => h?.close());

describe('transport', () => {
  it('runs beforeSend and afterSend around every request', async () => {
    const seen: number[] = [];
    const pb = createClient(h.url, {
      authStore: new MemoryAuthStore(),
      beforeSend: (ctx) => {
        ctx.init.headers['X-App-Key'] = 'k-123';
      },
      afterSend: (res, data) => {
        seen.push(res.status);
        return data;
      },
    });
    expect((await pb.collection('gated').list()).totalItems).toBe(1);
    expect((await h.guest().collection('gated').list()).totalItems).toBe(0);
    expect(seen).toEqual([200]);
  });

  it('retries idempotent requests on 429 with backoff, but never a create', async () => {
    await h.admin.settings.update({
      rateLimits: {
        enabled: true,
        rules: [
          { label: 'gated:list', audience: '', duration: 2, maxRequests: 1 },
          { label: 'gated:create', audience: '', duration: 60, maxRequests: 1 },
        ],
      },
    });
    try {
      const statuses: number[] = [];
      const pb = createClient(h.url, {
        authStore: new MemoryAuthStore(),
        retry: { retries: 5, baseDelay: 500 },
        // Sees every attempt (afterSend sees only the final answer).
        fetch: (url, init) => fetch(url, init).then((r) => (statuses.push(r.status), r)),
      });
      await pb.collection('gated').list();
      await pb.collection('gated').list(); // limited: succeeds once the window has passed
      expect(statuses[0]).toBe(200);
      expect(statuses).toContain(429);
      expect(statuses.at(-1)).toBe(200);

      await pb.collection('gated').create({ text: 'one' });
      statuses.length = 0;
      const err = await pb.collection('gated').create({ text: 'two' }).catch((e) => e);
      expect(err).toBeInstanceOf(PlinthError);
      expect(err.status).toBe(429);
      expect(statuses).toEqual([429]);

      const noRetry = createClient(h.url, { authStore: new MemoryAuthStore(), retry: false });
      await noRetry.collection('gated').list().catch(() => undefined);
      await expect(noRetry.collection('gated').list()).rejects.toMatchObject({ status: 429 });
    } finally {
      await h.admin.settings.update({ rateLimits: { enabled: false } });
    }
  });

  it('aborts in-flight requests and backoff waits', async () => {
    const ctrl = new AbortController();
    const pending = h.admin.collection('gated').list({ signal: ctrl.signal });
    ctrl.abort();
    const err = await pending.catch((e) => e);
    expect(err).toBeInstanceOf(PlinthError);
    expect(err).toMatchObject({ status: 0, isAbort: true });
    const offline = createClient('http://127.0.0.1:1', { authStore: new MemoryAuthStore() });
    await expect(offline.health()).rejects.toMatchObject({ status: 0, isAbort: false });
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import { createPlinth, type Plinth } from '../../src/server.js';
import { startPrivateRedis } from '../jobs/redis-support.js';
import { createTestDatabase, testBackends, type TestDatabase } from '../support/test-database.js';
import { collect, expectCount, waitFor } from './realtime-fixture.js';

/**
 * Two Plinth instances on one PostgreSQL, no sticky routing. Every instance reads the shared outbox, so a change
 * committed through A reaches subscribers connected to B, once. And the subscribe call (`POST /api/realtime`)
 * may land on another instance than the client's SSE stream: it is forwarded to the one holding the stream,
 * whose answer (204, 400, 403, 404) comes back; so does an OAuth2 redirect naming the client. Run over both
 * cluster channels: PostgreSQL NOTIFY (no Redis) and Redis pub/sub (a private redis-server, so that the BullMQ
 * queues of REDIS_URL stay apart from other suites).
 */
const SUPERUSER = { email: 'root@example.com', password: 'root-pass-1234' };
const USER_PASSWORD = 'secret-pass-1';

interface Instance {
  plinth: Plinth;
  url: string;
  dataDir: string;
}

interface Answer {
  status: number;
  body: { status?: number; message?: string; data?: unknown } | null;
}

for (const channel of ['postgres-notify', 'redis'] as const) {
  describe.runIf(testBackends.includes('postgres'))(`realtime across two instances (${channel})`, () => {
    let db: TestDatabase;
    let redis: Awaited<ReturnType<typeof startPrivateRedis>> | null = null;
    let a: Instance;
    let b: Instance;
    let admin: PocketBase;
    const clients: PocketBase[] = [];

    const start = async (superuser: typeof SUPERUSER | null): Promise<Instance> => {
      const dataDir = mkdtempSync(join(tmpdir(), 'plinth-instance-'));
      const plinth = await createPlinth(
        {
          http: { host: '127.0.0.1', port: 0 },
          dataDir,
          database: db.database,
          redisUrl: redis?.url ?? null,
          superuser,
          bodyLimit: 1024 * 1024,
          logLevel: 'error',
        },
        { logger: createLogger('error', (line) => process.stderr.write(line + '\n')) },
      );
      return { plinth, dataDir, url: (await plinth.listen()).url };
    };
    const client = (url: string) => {
      const pb = new PocketBase(url).autoCancellation(false);
      clients.push(pb);
      return pb;
    };
    /** A client of A whose realtime POSTs go to B (its SSE stream stays on A); counts them. */
    const streamOnAPostsToB = (pb: PocketBase) => {
      const sent = { count: 0 };
      pb.beforeSend = (url, options) => {
        if (!url.startsWith(`${a.url}/api/realtime`)) return { url, options };
        sent.count++;
        return { url: b.url + url.slice(a.url.length), options };
      };
      return sent;
    };
    const signIn = async (url: string, email: string) => {
      const pb = client(url);
      await pb.collection('users').authWithPassword(email, USER_PASSWORD);
      return pb;
    };
    const post = async (url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
      const res = await fetch(`${url}/api/realtime`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    };

    beforeAll(async () => {
      db = await createTestDatabase('postgres');
      if (channel === 'redis') redis = await startPrivateRedis();
      // One after the other: the first creates the system schema and the superuser.
      a = await start(SUPERUSER);
      b = await start(null);
      admin = client(a.url);
      await admin.collection('_superusers').authWithPassword(SUPERUSER.email, SUPERUSER.password);
      const open = { listRule: '', viewRule: '', createRule: '', updateRule: '' };
      await admin.collections.create({ name: 'shared', ...open, fields: [{ name: 't', type: 'text' }] });
      for (const email of ['u1@example.com', 'u2@example.com']) {
        await admin.collection('users').create({ email, password: USER_PASSWORD, passwordConfirm: USER_PASSWORD });
      }
    }, 120_000);
    afterAll(async () => {
      for (const pb of clients) await pb.realtime.unsubscribe().catch(() => undefined);
      for (const instance of [b, a]) {
        if (!instance) continue;
        await instance.plinth.close();
        rmSync(instance.dataDir, { recursive: true, force: true });
      }
      await redis?.dispose();
      await db?.dispose();
    });

    it('delivers a change made through A to a subscriber on B, exactly once', async () => {
      const gotB = await collect(client(b.url), 'shared', '*');
      const gotA = await collect(client(a.url), 'shared', '*');
      const rec = await client(a.url).collection('shared').create({ t: 'from A' });
      await client(b.url).collection('shared').update(rec.id, { t: 'from B' });
      await expectCount(gotB, 2, 'events on instance B');
      await expectCount(gotA, 2, 'events on instance A');
      expect(gotB.map((e) => [e.action, e.record.t])).toEqual([
        ['create', 'from A'],
        ['update', 'from B'],
      ]);
    });

    it('takes the subscribe call on B for a stream held by A', async () => {
      const pb = client(a.url);
      const sent = streamOnAPostsToB(pb);
      // The SDK's subscribe() fails unless B's answer to its POST is a 204.
      const got = await collect(pb, 'shared', '*');
      expect(sent.count).toBe(1);
      const rec = await client(b.url).collection('shared').create({ t: 'after a forwarded subscribe' });
      await expectCount(got, 1, 'events on the stream held by A', (e) => e.record.id === rec.id);
    });

    it("answers a forwarded call with the owner's 403 when the auth differs from the stream's", async () => {
      const u1 = await signIn(a.url, 'u1@example.com');
      streamOnAPostsToB(u1);
      const got = await collect(u1, 'shared', '*');
      const clientId = u1.realtime.clientId;
      const u2 = await signIn(b.url, 'u2@example.com');

      const otherUser = await post(b.url, { clientId, subscriptions: ['shared/*'] }, { Authorization: u2.authStore.token });
      expect(otherUser.status).toBe(403);
      expect(otherUser.body).toEqual({ status: 403, message: "The current and the previous request authorization don't match.", data: {} });
      expect((await post(b.url, { clientId, subscriptions: ['shared/*'] })).status).toBe(403);

      // The same user through B is accepted: the owner verified the forwarded token itself.
      expect((await post(b.url, { clientId, subscriptions: ['shared/*'] }, { Authorization: u1.authStore.token })).status).toBe(204);
      const rec = await client(a.url).collection('shared').create({ t: 'still subscribed' });
      await expectCount(got, 1, 'events after the refused calls', (e) => e.record.id === rec.id);
    });

    it('answers 404 for a client id no instance holds, and 400 for invalid subscriptions', async () => {
      const unknown = await post(b.url, { clientId: 'x'.repeat(40), subscriptions: ['shared/*'] });
      expect(unknown).toEqual({ status: 404, body: { status: 404, message: 'Missing or invalid client id.', data: {} } });

      const pb = client(a.url);
      await collect(pb, 'shared', '*');
      const invalid = await post(b.url, { clientId: pb.realtime.clientId, subscriptions: 'shared/*' });
      expect(invalid.status).toBe(400);
      expect(invalid.body?.data).toEqual({ subscriptions: { code: 'validation_invalid_value', message: 'Invalid value.' } });
    });

    it('hands an OAuth2 redirect landing on B to the client waiting on A', async () => {
      const pb = client(a.url);
      const got: unknown[] = [];
      await pb.realtime.subscribe('@oauth2', (e) => got.push(e));
      const state = pb.realtime.clientId;
      const landed = await fetch(`${b.url}/api/oauth2-redirect?state=${state}&code=the-code`, { redirect: 'manual' });
      expect(landed.status).toBe(307);
      expect(landed.headers.get('location')).toBe('../_/#/auth/oauth2-redirect-success');
      await waitFor(() => got.length > 0, 'the OAuth2 answer on A');
      expect(got).toEqual([{ state, code: 'the-code' }]);

      const nobody = await fetch(`${b.url}/api/oauth2-redirect?state=${'y'.repeat(40)}&code=c`, { redirect: 'manual' });
      expect(nobody.headers.get('location')).toBe('../_/#/auth/oauth2-redirect-failure');
    });

    it("answers a forwarded call with the owner's 400 when the caller's IP differs from the stream's", async () => {
      const pb = client(a.url);
      await collect(pb, 'shared', '*');
      const original = (await admin.settings.getAll()).trustedProxy;
      await admin.settings.update({ trustedProxy: { headers: ['X-Forwarded-For'], useLeftmostIP: false } });
      try {
        await waitFor(() => b.plinth.app.settings.get().trustedProxy.headers.length > 0, 'the trusted proxy setting on B');
        // B resolves the caller to the forwarded address; the stream on A came from 127.0.0.1.
        const moved = await post(b.url, { clientId: pb.realtime.clientId, subscriptions: ['shared/*'] }, { 'X-Forwarded-For': '203.0.113.7' });
        expect(moved).toEqual({ status: 400, body: { status: 400, message: "The current and the previous request IP don't match.", data: {} } });
        expect((await post(b.url, { clientId: pb.realtime.clientId, subscriptions: ['shared/*'] })).status).toBe(204);
      } finally {
        await admin.settings.update({ trustedProxy: original });
      }
    });
  });
}

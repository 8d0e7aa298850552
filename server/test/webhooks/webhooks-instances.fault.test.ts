/**
 * Two Plinth instances on one PostgreSQL database and one Redis (BullMQ): both run the webhooks event consumer,
 * yet with a healthy receiver every event is delivered exactly once (delivery jobs are deduplicated on
 * `${webhookId}:${eventId}`), whichever instance took the write.
 */
import PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/config.js';
import { createLogger } from '../../src/core/logger.js';
import { createPlinth, type Plinth } from '../../src/server.js';
import { createTestDatabase, testBackends, type TestDatabase } from '../support/test-database.js';
import { startOwnRedis, type OwnRedis } from './own-redis.js';
import { eventually, startReceiver, type Receiver } from './webhook-receiver.js';

const SUPERUSER = { email: 'root@example.com', password: 'root-pass-1234' };

// PGlite is single-process by design: several instances need PostgreSQL.
describe.runIf(testBackends.includes('postgres'))('webhooks across two instances (postgres + redis)', () => {
  let db: TestDatabase;
  let redis: OwnRedis;
  let receiver: Receiver;
  const instances: Plinth[] = [];
  const clients: PocketBase[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    redis = await startOwnRedis();
    receiver = await startReceiver();
    for (let i = 0; i < 2; i++) {
      const config: Config = {
        http: { host: '127.0.0.1', port: 0 },
        dataDir: '',
        database: db.database,
        redisUrl: redis.url,
        superuser: SUPERUSER,
        bodyLimit: 1024 * 1024,
        logLevel: 'error',
      };
      // One after the other: the first creates the system schema, the second finds it.
      const plinth = await createPlinth(config, { logger: createLogger('error', (l) => process.stderr.write(l + '\n')) });
      instances.push(plinth);
    }
    // Signed in once both started: each start re-sets the superuser's password, which revokes older tokens.
    for (const plinth of instances) {
      const { url } = await plinth.listen();
      const pb = new PocketBase(url);
      pb.autoCancellation(false);
      await pb.collection('_superusers').authWithPassword(SUPERUSER.email, SUPERUSER.password);
      clients.push(pb);
    }
  });
  afterAll(async () => {
    for (const plinth of instances) await plinth.close();
    await receiver?.close();
    await redis?.stop();
    await db?.dispose();
  });

  it('delivers each event once when the receiver is healthy', async () => {
    const [a, b] = clients;
    const settings = { webhooks: { allowPrivateTargets: true, retrySchedule: [0.5, 1], timeout: 5 } };
    // Settings are cached per instance: update through both.
    await a.settings.update(settings);
    await b.settings.update(settings);
    await a.collections.create({ name: 'events', type: 'base', fields: [{ name: 'n', type: 'number' }] });
    // Schema changes do not propagate between instances yet (not this test's subject): reload b's registry.
    await instances[1].app.collections.load(instances[1].app.storage);
    const hook = await b.collection('_webhooks').create({ name: 'twice?', url: receiver.url + '/once', events: ['events.create'], enabled: true });

    const ids: string[] = [];
    for (let n = 0; n < 30; n++) ids.push((await clients[n % 2].collection('events').create({ n })).id);

    await eventually('all 30 deliveries', () => new Set(receiver.received.map((r) => r.json?.data?.record?.id)).size === ids.length, 60_000);
    // Give any duplicate time to show up.
    await new Promise((r) => setTimeout(r, 2000));
    const webhookIds = receiver.received.map((r) => String(r.headers['webhook-id']));
    expect(receiver.received).toHaveLength(ids.length);
    expect(new Set(webhookIds).size).toBe(ids.length);
    for (const req of receiver.received) receiver.verify(req, hook.secret);
    const rows = await a.collection('_webhookDeliveries').getFullList({ filter: `webhook = "${hook.id}"` });
    expect(rows).toHaveLength(ids.length);
    expect(rows.every((r) => r.state === 'delivered' && r.attempt === 1)).toBe(true);
  });

  it('retries through BullMQ delayed jobs: 500 twice then 200 is three attempts, then delivered', async () => {
    const [a, b] = clients;
    let calls = 0;
    receiver.answer = (req) => (req.path === '/flaky' ? (++calls <= 2 ? 500 : 200) : 200);
    const hook = await a.collection('_webhooks').create({ name: 'flaky', url: receiver.url + '/flaky', events: ['events.update'], enabled: true });
    const record = await a.collection('events').create({ n: 100 });
    await b.collection('events').update(record.id, { n: 101 });
    const rows = await eventually('three attempts', async () => {
      const list = await b.collection('_webhookDeliveries').getFullList({ filter: `webhook = "${hook.id}"`, sort: 'attempt' });
      return list.length === 3 && list;
    });
    expect(rows.map((r) => [r.attempt, r.status, r.state])).toEqual([
      [1, 500, 'retrying'],
      [2, 500, 'retrying'],
      [3, 200, 'delivered'],
    ]);
    await new Promise((r) => setTimeout(r, 1500));
    expect(receiver.received.filter((r) => r.path === '/flaky')).toHaveLength(3);
    expect(new Set(receiver.received.filter((r) => r.path === '/flaky').map((r) => r.headers['webhook-id'])).size).toBe(1);
  });
});

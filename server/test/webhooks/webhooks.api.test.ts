/**
 * Webhooks end to end through the official SDK against a real Plinth: `_webhooks` records managed through the
 * records API, signed deliveries verified with the `standardwebhooks` library, retries on the configured
 * schedule with every attempt logged in `_webhookDeliveries`, timeouts, 410, filters, test sends and replays.
 */
import { EventSource } from 'eventsource';
import PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectApiError, signUp, type Api } from '../api/api-fixture.js';
import { ensureBuiltinCollections } from '../../src/core/collections/collection-builtins.js';
import { toTableSchema } from '../../src/core/collections/collection-schema.js';
import { testBackends } from '../support/test-database.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { eventually, startReceiver, type Receiver } from './webhook-receiver.js';

(globalThis as { EventSource?: unknown }).EventSource ??= EventSource;

describe.each(testBackends)('webhooks (%s)', (backend) => {
  let server: TestServer;
  let api: Api;
  let admin: PocketBase;
  let receiver: Receiver;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    const client = () => {
      const pb = new PocketBase(server.url);
      pb.autoCancellation(false);
      return pb;
    };
    admin = client();
    await admin.collection('_superusers').authWithPassword(server.superuser.email, server.superuser.password);
    api = { url: server.url, admin, guest: client, close: () => server.close() };
    receiver = await startReceiver();
    // Receivers run on loopback: allow private targets; short retries for the test.
    await admin.settings.update({ webhooks: { allowPrivateTargets: true, retrySchedule: [0.2, 0.2, 0.2], timeout: 1.5 } });
    await admin.collections.create({
      name: 'posts',
      type: 'base',
      listRule: '',
      viewRule: '',
      createRule: '',
      fields: [
        { name: 'title', type: 'text' },
        { name: 'internal', type: 'text', hidden: true },
      ],
    });
  });
  afterAll(async () => {
    await receiver?.close();
    await api?.close();
  });

  /** A webhook on its own receiver path, so tests don't see each other's deliveries. */
  async function webhook(path: string, fields: Record<string, unknown> = {}) {
    return admin.collection('_webhooks').create({ name: path, url: receiver.url + path, events: ['posts.*'], enabled: true, ...fields });
  }
  const at = (path: string) => receiver.received.filter((r) => r.path === path);
  const deliveries = (webhookId: string) => admin.collection('_webhookDeliveries').getFullList({ filter: `webhook = "${webhookId}"`, sort: 'created,attempt' });

  it('is a superuser-only system collection; the secret is generated in Standard Webhooks format', async () => {
    const hook = await webhook('/format');
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(Buffer.from(hook.secret.slice(6), 'base64')).toHaveLength(24);
    const { pb } = await signUp(api, 'webhook-user@example.com');
    await expectApiError(pb.collection('_webhooks').getList(), 403);
    await expectApiError(api.guest().collection('_webhooks').create({ name: 'x', url: 'https://example.com' }), 403);
    await expectApiError(pb.collection('_webhookDeliveries').getList(), 403);
    const own = await webhook('/format-own', { secret: 'whsec_' + Buffer.alloc(32, 7).toString('base64') });
    expect(own.secret).toBe('whsec_' + Buffer.alloc(32, 7).toString('base64'));
    await expectApiError(webhook('/format-bad', { secret: 'not-a-secret' }), 400);
  });

  it('delivers a signed record.created payload without hidden fields', async () => {
    const hook = await webhook('/created');
    const post = await admin.collection('posts').create({ title: 'hello', internal: 'do not send' });
    const [req] = await eventually('the delivery', () => at('/created').length >= 1 && at('/created'));
    const payload = receiver.verify(req, hook.secret);
    expect(payload).toMatchObject({ type: 'record.created', data: { collection: 'posts', record: { id: post.id, title: 'hello', collectionName: 'posts' } } });
    expect(payload.data.record).not.toHaveProperty('internal');
    expect(new Date(payload.timestamp).toISOString()).toBe(payload.timestamp);
    expect(req.headers['webhook-id']).toMatch(/^evt_/);
    expect(req.headers['content-type']).toBe('application/json');
    expect(() => receiver.verify(req, 'whsec_' + Buffer.alloc(24, 1).toString('base64'))).toThrow();

    const [log] = await eventually('the delivery log', async () => {
      const rows = await deliveries(hook.id);
      return rows.length === 1 && rows;
    });
    expect(log).toMatchObject({ eventId: req.headers['webhook-id'], type: 'record.created', attempt: 1, status: 200, state: 'delivered', response: 'answer 200' });
    expect(log.duration).toBeGreaterThan(0);
  });

  it('matches events by collection and action, with wildcards, and sends updates and deletes', async () => {
    const hook = await webhook('/actions', { events: ['posts.update', 'posts.delete', 'comments.*'] });
    const post = await admin.collection('posts').create({ title: 'a' });
    await admin.collection('posts').update(post.id, { title: 'b' });
    await admin.collection('posts').delete(post.id);
    const got = await eventually('update and delete', () => at('/actions').length >= 2 && at('/actions'));
    expect(got.map((r) => r.json.type).sort()).toEqual(['record.deleted', 'record.updated']);
    for (const r of got) expect(receiver.verify(r, hook.secret).data.record.id).toBe(post.id);
    expect(got.find((r) => r.json.type === 'record.updated')!.json.data.record.title).toBe('b');
  });

  it('applies the filter to the committed record', async () => {
    await webhook('/filtered', { events: ['*.create'], filter: 'title ~ "urgent"' });
    await admin.collection('posts').create({ title: 'routine' });
    const urgent = await admin.collection('posts').create({ title: 'very urgent' });
    await eventually('the urgent post', () => at('/filtered').length >= 1);
    // The later matching event arrived; give the earlier one no excuse either.
    await new Promise((r) => setTimeout(r, 500));
    expect(at('/filtered').map((r) => r.json.data.record.id)).toEqual([urgent.id]);
  });

  it('retries a 500 twice then 200: three attempts logged with the same webhook-id, then delivered', async () => {
    let calls = 0;
    const prev = receiver.answer;
    receiver.answer = (req, i) => (req.path === '/flaky' ? (++calls <= 2 ? 500 : 200) : prev(req, i));
    const hook = await webhook('/flaky');
    await admin.collection('posts').create({ title: 'flaky' });
    const logs = await eventually('three attempts', async () => {
      const rows = await deliveries(hook.id);
      return rows.length === 3 && rows;
    });
    expect(logs.map((l) => [l.attempt, l.status, l.state])).toEqual([
      [1, 500, 'retrying'],
      [2, 500, 'retrying'],
      [3, 200, 'delivered'],
    ]);
    expect(logs[0].nextAttempt).not.toBe('');
    expect(logs[2].nextAttempt).toBe('');
    const ids = new Set(at('/flaky').map((r) => r.headers['webhook-id']));
    expect(ids.size).toBe(1);
    expect(logs.every((l) => l.eventId === [...ids][0])).toBe(true);
    for (const r of at('/flaky')) receiver.verify(r, hook.secret);
  });

  it('cuts a hanging receiver at the timeout and retries', async () => {
    let calls = 0;
    const prev = receiver.answer;
    receiver.answer = (req, i) => (req.path === '/hang' ? (++calls === 1 ? 'hang' : 200) : prev(req, i));
    const hook = await webhook('/hang');
    await admin.collection('posts').create({ title: 'hang' });
    const logs = await eventually('a retry after the timeout', async () => {
      const rows = await deliveries(hook.id);
      return rows.length === 2 && rows;
    });
    expect(logs[0]).toMatchObject({ attempt: 1, status: 0, error: 'timeout', state: 'retrying' });
    expect(logs[0].duration).toBeGreaterThanOrEqual(1400);
    expect(logs[1]).toMatchObject({ attempt: 2, status: 200, state: 'delivered' });
  });

  it('gives up after the schedule, and disables the webhook on 410', async () => {
    const prev = receiver.answer;
    receiver.answer = (req, i) => (req.path === '/down' ? 503 : req.path === '/gone' ? 410 : prev(req, i));
    const down = await webhook('/down');
    const gone = await webhook('/gone');
    await admin.collection('posts').create({ title: 'x' });
    const downLogs = await eventually('the schedule to run out', async () => {
      const rows = await deliveries(down.id);
      return rows.length === 4 && rows;
    });
    expect(downLogs.map((l) => l.state)).toEqual(['retrying', 'retrying', 'retrying', 'failed']);
    const goneLogs = await eventually('the 410', async () => {
      const rows = await deliveries(gone.id);
      return rows.length === 1 && rows;
    });
    expect(goneLogs[0]).toMatchObject({ status: 410, state: 'disabled' });
    expect((await admin.collection('_webhooks').getOne(gone.id)).enabled).toBe(false);
    // Disabled: later events are not delivered to it.
    await admin.collection('posts').create({ title: 'after' });
    await eventually('the next event elsewhere', () => at('/down').length >= 5);
    expect(at('/gone')).toHaveLength(1);
  });

  it('sends a test event and replays a delivery with the same webhook-id', async () => {
    const hook = await webhook('/ops', { events: [] });
    const test = await admin.send(`/api/webhooks/${hook.id}/test`, { method: 'POST' });
    expect(test).toMatchObject({ collectionName: '_webhookDeliveries', webhook: hook.id, type: 'webhook.test', status: 200, state: 'delivered' });
    const [sent] = at('/ops');
    expect(receiver.verify(sent, hook.secret)).toMatchObject({ type: 'webhook.test', data: { webhook: hook.id } });

    await admin.send(`/api/webhooks/deliveries/${test.id}/replay`, { method: 'POST' });
    const replayed = await eventually('the replay', () => at('/ops').length === 2 && at('/ops')[1]);
    expect(replayed.headers['webhook-id']).toBe(sent.headers['webhook-id']);
    expect(receiver.verify(replayed, hook.secret)).toEqual(receiver.verify(sent, hook.secret));

    await expectApiError(admin.send('/api/webhooks/nope/test', { method: 'POST' }), 404);
    await expectApiError(admin.send('/api/webhooks/deliveries/nope/replay', { method: 'POST' }), 404);
    await expectApiError(api.guest().send(`/api/webhooks/${hook.id}/test`, { method: 'POST' }), 401);
  });

  it('keeps the secret write-only: returned by the write that set it, never read back, still signing', async () => {
    const hook = await webhook('/write-only', { events: [] });
    const field = (await admin.collections.getOne('_webhooks')).fields.find((f) => f.name === 'secret');
    expect(field).toMatchObject({ hidden: true, writeOnly: true });
    await admin.send(`/api/webhooks/${hook.id}/test`, { method: 'POST' });
    const [delivery] = await deliveries(hook.id);
    const reads = [
      await admin.collection('_webhooks').getOne(hook.id),
      ...(await admin.collection('_webhooks').getFullList({ filter: `id = "${hook.id}"` })),
      (await admin.collection('_webhookDeliveries').getOne(delivery.id, { expand: 'webhook' })).expand!.webhook,
    ];
    expect(reads.map((r) => r.id)).toEqual([hook.id, hook.id, hook.id]);
    for (const read of reads) expect(read).not.toHaveProperty('secret');
    await expectApiError(admin.collection('_webhooks').getList(1, 1, { filter: 'secret ~ "whsec_"' }), 400);
    await expectApiError(admin.collection('_webhooks').getList(1, 1, { sort: 'secret' }), 400);

    // Realtime never carries it; updating other fields keeps it: deliveries still verify with the first secret.
    const pushed: Record<string, unknown>[] = [];
    const unsubscribe = await admin.collection('_webhooks').subscribe(hook.id, (e) => void pushed.push(e.record));
    const renamed = await admin.collection('_webhooks').update(hook.id, { name: 'renamed' });
    expect(renamed).not.toHaveProperty('secret');
    const [update] = await eventually('the realtime update', () => pushed.length >= 1 && pushed);
    expect(update).toMatchObject({ id: hook.id, name: 'renamed' });
    expect(update).not.toHaveProperty('secret');
    await unsubscribe();
    const verifiesLast = async (secret: string) => {
      await admin.send(`/api/webhooks/${hook.id}/test`, { method: 'POST' });
      return receiver.verify(at('/write-only').at(-1)!, secret);
    };
    expect(await verifiesLast(hook.secret)).toMatchObject({ type: 'webhook.test' });

    // Setting it answers it once; so does a rotation, after which only the new secret verifies.
    const own = 'whsec_' + Buffer.alloc(32, 9).toString('base64');
    expect((await admin.collection('_webhooks').update(hook.id, { secret: own })).secret).toBe(own);
    const rotated = await admin.send(`/api/webhooks/${hook.id}/rotate-secret`, { method: 'POST' });
    expect(rotated).toMatchObject({ id: hook.id, name: 'renamed', secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{32}$/) });
    expect(rotated.secret).not.toBe(own);
    expect(await admin.collection('_webhooks').getOne(hook.id)).not.toHaveProperty('secret');
    expect(await verifiesLast(rotated.secret)).toMatchObject({ type: 'webhook.test' });
    expect(() => receiver.verify(at('/write-only').at(-1)!, own)).toThrow();
    await expectApiError(admin.send('/api/webhooks/nope/rotate-secret', { method: 'POST' }), 404);
    await expectApiError(api.guest().send(`/api/webhooks/${hook.id}/rotate-secret`, { method: 'POST' }), 401);
  });

  it('makes the secret of a database from before write-only fields write-only at start', async () => {
    const { app } = server;
    const secretField = () => app.collections.require('_webhooks').fields.find((f) => f.name === 'secret')!;
    const stored = app.collections.require('_webhooks');
    const old = { ...stored, fields: stored.fields.map(({ writeOnly: _, ...f }) => f) };
    await app.storage.updateCollection(toTableSchema(stored), toTableSchema(old), old);
    await app.collections.load(app.storage);
    expect(secretField().writeOnly).toBeUndefined();
    await ensureBuiltinCollections(app);
    expect(secretField().writeOnly).toBe(true);
  });

  it('refuses private targets unless webhooks.allowPrivateTargets is on', async () => {
    await admin.settings.update({ webhooks: { allowPrivateTargets: false } });
    try {
      const hook = await webhook('/private', { url: receiver.url.replace('127.0.0.1', 'localhost') + '/private' });
      const test = await admin.send(`/api/webhooks/${hook.id}/test`, { method: 'POST' });
      expect(test).toMatchObject({ status: 0, error: 'refused', state: 'failed' });
      const metadata = await webhook('/metadata', { url: 'http://169.254.169.254/latest/meta-data/' });
      expect(await admin.send(`/api/webhooks/${metadata.id}/test`, { method: 'POST' })).toMatchObject({ error: 'refused' });
      expect(at('/private')).toHaveLength(0);
    } finally {
      await admin.settings.update({ webhooks: { allowPrivateTargets: true } });
    }
  });

  it('prunes delivery log rows older than 30 days with an hourly cron job', async () => {
    const hook = await webhook('/retention', { events: [] });
    const app = server.app;
    const table = app.collections.table(app.collections.require('_webhookDeliveries'));
    const at = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().replace('T', ' ');
    for (const [id, days] of [['olddelivery0001', 31], ['newdelivery0001', 29]] as const) {
      await app.storage.insert(table, { id, webhook: hook.id, eventId: 'evt_x', type: 'record.created', attempt: 1, state: 'delivered', created: at(days), updated: at(days) });
    }
    expect((await app.jobs.listSchedules()).map((s) => s.id)).toContain('webhooksDeliveriesCleanup');
    await app.jobs.runSchedule('webhooksDeliveriesCleanup');
    await eventually('the old row to go', async () => (await deliveries(hook.id)).length === 1);
    expect((await deliveries(hook.id)).map((d) => d.id)).toEqual(['newdelivery0001']);
  });

  it('validates the webhooks settings section', async () => {
    const err = await expectApiError(admin.settings.update({ webhooks: { retrySchedule: [1, -1], timeout: 0 } }), 400);
    expect(err.response.data.webhooks).toMatchObject({ retrySchedule: { '1': { code: 'validation_invalid_value' } }, timeout: { code: 'validation_invalid_value' } });
    expect((await admin.settings.getAll()).webhooks).toEqual({ allowPrivateTargets: true, retrySchedule: [0.2, 0.2, 0.2], timeout: 1.5 });
  });
});

/** Plinth's admin surface through the SDK against a real server: logs, crons, jobs, webhooks, metrics. */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlinthError } from '../src/index.js';
import { startHarness, type Harness } from './support/plinth.js';

const poll = async <T>(fn: () => Promise<T>, ok: (v: T) => boolean, what: string, ms = 30_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

let h: Harness;
let receiver: Server;
let receiverUrl = '';
const received: string[] = [];
beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push(body);
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
  await new Promise((r) => receiver?.close(r));
});

describe('logs', () => {
  it('lists, reads and counts request logs', async () => {
    await h.guest().health();
    const page = await poll(() => h.admin.logs.list({ perPage: 5, sort: '-created' }), (p) => p.items.length > 0, 'a log entry');
    const entry = await h.admin.logs.getOne(page.items[0].id);
    expect(entry).toMatchObject({ id: page.items[0].id, message: expect.any(String) });
    const stats = await h.admin.logs.stats();
    expect(stats.reduce((n, s) => n + s.total, 0)).toBeGreaterThan(0);
    await expect(h.guest().logs.list()).rejects.toMatchObject({ status: 401 });
  });
});

describe('crons and jobs', () => {
  it('lists crons and runs one; unknown ids are 404', async () => {
    const crons = await h.admin.crons.list();
    expect(crons.map((c) => c.id)).toContain('webhooksDeliveriesCleanup');
    expect(crons.every((c) => typeof c.expression === 'string')).toBe(true);
    await h.admin.crons.run('webhooksDeliveriesCleanup');
    await expect(h.admin.crons.run('nope')).rejects.toMatchObject({ status: 404 });
  });

  it('lists queues and jobs by state', async () => {
    const queues = await poll(() => h.admin.jobs.queues(), (q) => q.some((x) => x.name === 'webhooks:prune'), 'the prune queue');
    expect(queues.find((q) => q.name === 'webhooks:prune')!.counts).toHaveProperty('completed');
    const done = await poll(() => h.admin.jobs.list('webhooks:prune', { state: 'completed' }), (r) => r.items.length > 0, 'the completed cron job');
    expect(done).toMatchObject({ page: 1, state: 'completed' });
    expect(done.items[0]).toMatchObject({ name: 'webhooks:prune', state: 'completed' });
    await expect(h.admin.jobs.retry('webhooks:prune', 'nope')).rejects.toMatchObject({ status: 404 });
    await h.admin.jobs.delete('webhooks:prune', done.items[0].id);
    await expect(h.admin.jobs.delete('webhooks:prune', done.items[0].id)).rejects.toMatchObject({ status: 404 });
    const err = await h.admin.jobs.list('webhooks:prune', { state: 'bogus' as 'failed' }).catch((e) => e);
    expect(err).toBeInstanceOf(PlinthError);
    expect(err.fieldErrors.state.code).toBe('validation_invalid_value');
  });
});

describe('webhooks', () => {
  it('creates a webhook, tests it, lists its deliveries and replays one', async () => {
    await h.admin.settings.update({ webhooks: { allowPrivateTargets: true } });
    const hook = await h.admin.webhooks.hooks.create({ name: 'sdk', url: receiverUrl, events: ['notes.create'], enabled: true });
    expect(hook.secret).toMatch(/^whsec_/);
    expect(await h.admin.webhooks.hooks.getOne(hook.id)).not.toHaveProperty('secret');
    const rotated = await h.admin.webhooks.rotateSecret(hook.id);
    expect(rotated).toMatchObject({ id: hook.id, name: 'sdk', secret: expect.stringMatching(/^whsec_/) });
    expect(rotated.secret).not.toBe(hook.secret);
    await expect(h.admin.webhooks.rotateSecret('nope')).rejects.toMatchObject({ status: 404 });
    const delivery = await h.admin.webhooks.test(hook.id);
    expect(delivery).toMatchObject({ webhook: hook.id, state: 'delivered', status: 200 });
    expect(received.some((b) => b.includes('webhook.test'))).toBe(true);

    await h.admin.collections.create({ name: 'notes', type: 'base', fields: [{ name: 'text', type: 'text' }] });
    await h.admin.collection('notes').create({ text: 'hello hook' });
    const list = await poll(
      () => h.admin.webhooks.deliveries.list({ filter: (f) => f.and(f.eq('webhook', hook.id), f.eq('type', 'record.created')), expand: 'webhook' }),
      (p) => p.items.length > 0,
      'the record delivery',
    );
    expect(list.items[0].expand?.webhook?.name).toBe('sdk');
    const before = received.length;
    await h.admin.webhooks.replay(list.items[0].id);
    await poll(async () => received.length, (n) => n > before, 'the replayed delivery');
    expect(received.at(-1)).toContain('hello hook');
  });
});

describe('metrics', () => {
  it('summarises the server', async () => {
    const m = await h.admin.metrics.summary();
    expect(m.http.requests).toBeGreaterThan(0);
    expect(Array.isArray(m.routes)).toBe(true);
    expect(m).toHaveProperty('realtimeConnections');
    await expect(h.guest().metrics.summary()).rejects.toMatchObject({ status: 401 });
  });
});

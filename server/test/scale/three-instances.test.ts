/**
 * Many instances are one Plinth: three `plinth serve` processes on one PostgreSQL and one Redis behave as one
 * system — schema and settings changes reach every instance within a second, rate limits are counted once,
 * a cron tick runs once, realtime and webhooks deliver each change once — and each shuts down gracefully.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import { BullJobQueue } from '../../src/jobs/bullmq-queue.js';
import { PRUNE_LOGS_JOB } from '../../src/logs/log-retention.js';
import { collect, type Received } from '../realtime/realtime-fixture.js';
import { testBackends } from '../support/test-database.js';
import { startCluster, within, type Cluster, type Instance } from './cluster-fixture.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const PUBLIC = { listRule: '', viewRule: '', createRule: '', updateRule: '', deleteRule: '' };

describe.runIf(testBackends.includes('postgres'))('three instances on one PostgreSQL and one Redis', () => {
  let cluster: Cluster;
  let one: Instance, two: Instance, three: Instance;
  let admins: PocketBase[];

  beforeAll(async () => {
    cluster = await startCluster(3);
    [one, two, three] = cluster.instances;
    admins = await Promise.all(cluster.instances.map((i) => i.admin()));
  }, 240_000);

  afterAll(async () => {
    await cluster?.close();
  }, 120_000);

  const settingsOn = (i: number) => admins[i].settings.getAll();

  it('serves a collection created through instance 1 on instances 2 and 3 within a second', async () => {
    await admins[0].collections.create({ name: 'notes', type: 'base', ...PUBLIC, fields: [{ name: 'text', type: 'text' }] });
    const usable = (instance: Instance) => () => instance.client().collection('notes').getList(1, 1).then(() => true);
    const took = await Promise.all([within(usable(two), 'notes on instance 2'), within(usable(three), 'notes on instance 3')]);
    expect(Math.max(...took)).toBeLessThan(1_000);

    const created = await two.client().collection('notes').create({ text: 'written on 2' });
    expect((await three.client().collection('notes').getOne(created.id)).text).toBe('written on 2');

    // A schema change too: a field added through 1 is accepted and returned by 3.
    const notes = await admins[0].collections.getOne('notes');
    await admins[0].collections.update('notes', { fields: [...notes.fields, { name: 'tag', type: 'text' }] });
    const tagged = () => three.client().collection('notes').create({ text: 'x', tag: 'seen' }).then((r) => r.tag === 'seen');
    expect(await within(tagged, 'the new field on instance 3')).toBeLessThan(1_000);
  });

  it('applies a settings change made through instance 2 on instances 1 and 3 within a second', async () => {
    await admins[1].settings.update({ meta: { appName: 'Scaled Plinth' } });
    const seen = (i: number) => () => settingsOn(i).then((s) => s.meta.appName === 'Scaled Plinth');
    const took = await Promise.all([within(seen(0), 'settings on instance 1'), within(seen(2), 'settings on instance 3')]);
    expect(Math.max(...took)).toBeLessThan(1_000);
  });

  it('delivers a change made on instance 1 to realtime subscribers on every instance, exactly once each', async () => {
    const subscribers = cluster.instances.map((i) => i.client());
    const received: Received[][] = await Promise.all(subscribers.map((pb) => collect(pb, 'notes', '*')));
    try {
      const rec = await one.client().collection('notes').create({ text: 'live' });
      await within(async () => received.every((got) => got.length >= 1), 'an event on every instance');
      await sleep(1_500); // a duplicate would arrive meanwhile
      for (const got of received) expect(got.map((e) => [e.action, e.record.id])).toEqual([['create', rec.id]]);
    } finally {
      await Promise.all(subscribers.map((pb) => pb.realtime.unsubscribe()));
    }
  });

  it('delivers a webhook once although every instance consumes the event stream', async () => {
    const hits: { id: string; body: string }[] = [];
    const receiver: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        hits.push({ id: String(req.headers['webhook-id']), body });
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      await admins[0].settings.update({ webhooks: { allowPrivateTargets: true } });
      for (const i of [0, 1, 2]) await within(() => settingsOn(i).then((s) => s.webhooks?.allowPrivateTargets === true), `webhook settings on ${i + 1}`);
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      await admins[0].collection('_webhooks').create({ name: 'scale', url, events: ['notes.create'], enabled: true });
      const rec = await two.client().collection('notes').create({ text: 'hooked' });
      await within(async () => hits.length >= 1, 'the webhook delivery', 30_000);
      await sleep(3_000);
      expect(hits).toHaveLength(1);
      expect(JSON.parse(hits[0].body).data.record.id).toBe(rec.id);
    } finally {
      receiver.close();
    }
  });

  it('runs each cron tick once across the three instances', async () => {
    // An operator-defined every-second schedule for a job every instance runs workers for.
    const operator = new BullJobQueue(cluster.redisUrl, createLogger('error', () => undefined));
    const started = Date.now();
    await operator.schedule('scale-every-second', '* * * * * *', PRUNE_LOGS_JOB);
    const completed = async () =>
      (await admins[0].send(`/api/jobs/${PRUNE_LOGS_JOB}`, { query: { state: 'completed', perPage: 500 } })).items as { id: string; createdAt: string }[];
    try {
      await within(async () => (await completed()).length >= 3, 'three ticks', 30_000);
    } finally {
      await operator.unschedule('scale-every-second');
      await operator.close();
    }
    const seconds = (Date.now() - started) / 1000;
    await sleep(1_500);
    const jobs = await completed();
    // Three instances each running the tick would triple this; once per tick stays at about one per second.
    expect(jobs.length).toBeLessThanOrEqual(Math.ceil(seconds) + 2);
    expect(new Set(jobs.map((j) => j.id)).size).toBe(jobs.length);
  });

  it('counts rate limits once across instances: requests spread over the three hit 429 together', async () => {
    const max = 6;
    await admins[0].settings.update({
      rateLimits: { enabled: true, rules: [{ label: 'notes:list', audience: '', duration: 3600, maxRequests: max }], excludedIPs: [] },
    });
    for (const i of [0, 1, 2]) await within(() => settingsOn(i).then((s) => s.rateLimits.enabled === true), `rate limits on ${i + 1}`);
    try {
      const statuses: { instance: number; status: number }[] = [];
      for (let n = 0; n < 12; n++) {
        const instance = cluster.instances[n % 3];
        const res = await fetch(`${instance.url}/api/collections/notes/records?perPage=1`);
        statuses.push({ instance: n % 3, status: res.status });
      }
      expect(statuses.slice(0, max).map((s) => s.status)).toEqual(Array(max).fill(200));
      expect(statuses.slice(max).map((s) => s.status)).toEqual(Array(12 - max).fill(429));
      expect(new Set(statuses.filter((s) => s.status === 429).map((s) => s.instance))).toEqual(new Set([0, 1, 2]));
    } finally {
      await admins[0].settings.update({ rateLimits: { enabled: false } });
    }
  });

  it('shuts an instance down gracefully while the others keep serving', async () => {
    const before = await fetch(`${three.url}/api/health/ready`);
    expect(before.status).toBe(200);
    expect(await three.stop()).toBe(0);
    expect((await one.client().collection('notes').getList(1, 1)).totalItems).toBeGreaterThan(0);
    expect((await fetch(`${two.url}/api/health/ready`)).status).toBe(200);
  });
});

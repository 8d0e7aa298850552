/**
 * Request logs through the SDK's `pb.logs` (contract 9): every request logged off the request path, listed
 * with the records filter/sort language over data.*, viewed, counted per hour, pruned by the retention cron.
 */
import PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGS } from '../../src/core/collections/collection-system-builtins.js';
import { formatDateTime } from '../../src/core/datetime.js';
import { PRUNE_LOGS_SCHEDULE } from '../../src/logs/log-retention.js';
import { expectApiError } from '../api/api-fixture.js';
import { testBackends } from '../support/test-database.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { eventually } from '../webhooks/webhook-receiver.js';

describe.each(testBackends)('request logs (%s)', (backend) => {
  let server: TestServer;
  let admin: PocketBase;

  beforeAll(async () => {
    server = await startTestServer({ backend });
    admin = new PocketBase(server.url);
    admin.autoCancellation(false);
    await admin.collection('_superusers').authWithPassword(server.superuser.email, server.superuser.password);
  });
  afterAll(async () => {
    await server?.close();
  });

  const logsFor = (marker: string) => admin.logs.getList(1, 50, { filter: `data.url ~ "${marker}"` });

  it('logs every request with method, url, status, execTime, IP and user agent', async () => {
    await fetch(`${server.url}/api/health?marker=one`, { headers: { 'User-Agent': 'logs-test/1' } });
    await fetch(`${server.url}/api/collections/nope/records?marker=two`);
    const list = await eventually('the entries', async () => {
      const page = await admin.logs.getList(1, 50, { filter: 'data.url ~ "marker="', sort: '-created' });
      return page.items.length === 2 && page;
    });
    expect(list).toMatchObject({ page: 1, perPage: 50, totalItems: 2 });
    // Both requests may land in the same millisecond: pick them by url, not by position.
    const health = list.items.find((item) => String(item.data.url).includes('marker=one'))!;
    const missing = list.items.find((item) => String(item.data.url).includes('marker=two'))!;
    expect(health).toMatchObject({
      message: 'GET /api/health?marker=one',
      level: 0,
      data: { type: 'request', method: 'GET', url: '/api/health?marker=one', status: 200, userAgent: 'logs-test/1', auth: '', remoteIP: '127.0.0.1' },
    });
    expect(health.data.execTime).toBeGreaterThanOrEqual(0);
    expect(health.data).not.toHaveProperty('authId');
    expect(health.id).toMatch(/^[a-z0-9]{15}$/);
    expect(health.created).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Object.keys(health).sort()).toEqual(['created', 'data', 'id', 'level', 'message']);
    expect(missing).toMatchObject({ level: 4, data: { status: 404 } });

    expect((await admin.logs.getList(1, 50, { filter: 'data.url ~ "marker=" && level >= 4' })).items.map((i) => i.id)).toEqual([missing.id]);
    expect((await admin.logs.getList(1, 50, { filter: 'data.url ~ "marker="', sort: 'created' })).items[0].id).toBe(health.id);
    expect(await admin.logs.getOne(health.id)).toEqual(health);
    await expectApiError(admin.logs.getOne('missingmissing1'), 404);
    await expectApiError(admin.logs.getList(1, 10, { filter: 'nope ~ ' }), 400);
  });

  it('records the auth collection, and the auth id and IP as settings.logs say', async () => {
    await admin.settings.update({ logs: { logAuthId: true, logIP: false } });
    try {
      await admin.health.check({ query: { marker: 'auth' } });
      const [entry] = await eventually('the entry', async () => {
        const { items } = await logsFor('marker=auth');
        return items.length > 0 && items;
      });
      expect(entry.data).toMatchObject({ auth: '_superusers', authId: admin.authStore.record!.id });
      expect(entry.data).not.toHaveProperty('remoteIP');
    } finally {
      await admin.settings.update({ logs: { logAuthId: false, logIP: true } });
    }
  });

  it('counts entries per hour', async () => {
    await eventually('some logs', async () => (await admin.logs.getList(1, 1)).totalItems > 0);
    const stats = await admin.logs.getStats({ filter: 'data.url ~ "marker="' });
    expect(stats.length).toBeGreaterThanOrEqual(1);
    for (const s of stats) expect(s.date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:00:00\.000Z$/);
    expect(stats.reduce((n, s) => n + s.total, 0)).toBe((await admin.logs.getList(1, 1, { filter: 'data.url ~ "marker="' })).totalItems);
  });

  it('is superuser only', async () => {
    await expectApiError(new PocketBase(server.url).logs.getList(), 401);
    await expectApiError(new PocketBase(server.url).logs.getStats(), 401);
    const user = new PocketBase(server.url);
    await user.collection('users').create({ email: 'l@example.com', password: 'secret-pass-1', passwordConfirm: 'secret-pass-1' });
    await user.collection('users').authWithPassword('l@example.com', 'secret-pass-1');
    await expectApiError(user.logs.getList(), 403);
    await expectApiError(user.collection(LOGS).getList(), 403);
  });

  it('drops entries below logs.minLevel and writes none when logs.maxDays is 0', async () => {
    await admin.settings.update({ logs: { minLevel: 4 } });
    await fetch(`${server.url}/api/health?marker=below`);
    await fetch(`${server.url}/api/collections/nope/records?marker=above`);
    await eventually('the warning', async () => (await logsFor('marker=above')).items.length === 1);
    await admin.settings.update({ logs: { minLevel: 0, maxDays: 0 } });
    await fetch(`${server.url}/api/health?marker=off`);
    await admin.settings.update({ logs: { maxDays: 5 } });
    await fetch(`${server.url}/api/health?marker=on-again`);
    await eventually('logging again', async () => (await logsFor('marker=on-again')).items.length === 1);
    expect((await logsFor('marker=below')).items).toHaveLength(0);
    expect((await logsFor('marker=off')).items).toHaveLength(0);
  });

  it('prunes entries older than logs.maxDays with the retention cron job', async () => {
    const app = server.app;
    const table = app.collections.table(app.collections.require(LOGS));
    const old = formatDateTime(new Date(Date.now() - 6 * 86_400_000));
    const recent = formatDateTime(new Date(Date.now() - 4 * 86_400_000));
    await app.storage.insert(table, { id: 'oldlogentry0001', level: 0, message: 'old', data: { url: 'marker=old' }, created: old, updated: old });
    await app.storage.insert(table, { id: 'recentlogentry1', level: 0, message: 'recent', data: { url: 'marker=recent' }, created: recent, updated: recent });
    expect((await app.jobs.listSchedules()).map((s) => s.id)).toContain(PRUNE_LOGS_SCHEDULE);
    await app.jobs.runSchedule(PRUNE_LOGS_SCHEDULE);
    await eventually('the old entry to go', async () => (await logsFor('marker=old')).items.length === 0);
    expect((await logsFor('marker=recent')).items).toHaveLength(1);
  });
});

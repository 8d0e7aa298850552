/**
 * `GET /metrics` and `GET /api/metrics/summary` against a real Plinth: access (superuser or the configured
 * bearer token), and the instruments of issue 5 point 4 as Prometheus text.
 */
import PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/config.js';
import { createLogger } from '../../src/core/logger.js';
import { createPlinth, type Plinth } from '../../src/server.js';
import { createTestDatabase, testBackends, type TestDatabase } from '../support/test-database.js';
import { eventually, startReceiver, type Receiver } from '../webhooks/webhook-receiver.js';

const METRICS_TOKEN = 'scrape-token-0123456789';

describe.each(testBackends)('metrics (%s)', (backend) => {
  let db: TestDatabase;
  let plinth: Plinth;
  let url: string;
  let admin: PocketBase;
  let receiver: Receiver;

  beforeAll(async () => {
    db = await createTestDatabase(backend);
    const config: Config = {
      http: { host: '127.0.0.1', port: 0 },
      dataDir: '',
      database: db.database,
      redisUrl: null,
      superuser: { email: 'root@example.com', password: 'root-pass-1234' },
      bodyLimit: 1024 * 1024,
      logLevel: 'error',
      metricsToken: METRICS_TOKEN,
    };
    plinth = await createPlinth(config, { logger: createLogger('error', (l) => process.stderr.write(l + '\n')) });
    ({ url } = await plinth.listen());
    admin = new PocketBase(url);
    admin.autoCancellation(false);
    await admin.collection('_superusers').authWithPassword('root@example.com', 'root-pass-1234');
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
    await plinth?.close();
    await db?.dispose();
  });

  const scrape = async (headers: Record<string, string> = { Authorization: admin.authStore.token }) => {
    const res = await fetch(`${url}/metrics`, { headers });
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  };
  /** The value of one sample line, e.g. sample(text, 'plinth_http_requests_total', {route: '/api/health'}). */
  const sample = (text: string, name: string, labels: Record<string, string> = {}) => {
    const line = text.split('\n').find((l) => l.startsWith(name + (Object.keys(labels).length ? '{' : '')) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
    return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : undefined;
  };

  it('needs a superuser or the metrics bearer token', async () => {
    expect((await scrape({})).status).toBe(401);
    expect((await scrape({ Authorization: 'Bearer wrong-token-0123456789' })).status).toBe(401);
    const user = new PocketBase(url);
    await user.collection('users').create({ email: 'm@example.com', password: 'secret-pass-1', passwordConfirm: 'secret-pass-1' });
    await user.collection('users').authWithPassword('m@example.com', 'secret-pass-1');
    const asUser = await fetch(`${url}/metrics`, { headers: { Authorization: user.authStore.token } });
    expect(asUser.status).toBe(403);
    expect(await asUser.json()).toMatchObject({ status: 403, message: expect.any(String), data: {} });
    const byToken = await scrape({ Authorization: `Bearer ${METRICS_TOKEN}` });
    expect(byToken.status).toBe(200);
    expect(byToken.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect((await scrape()).status).toBe(200);
  });

  it('counts HTTP requests by route template, method and status, with durations and in-flight', async () => {
    await admin.collections.create({ name: 'things', type: 'base', listRule: '', viewRule: '', fields: [{ name: 'n', type: 'number' }] });
    const thing = await admin.collection('things').create({ n: 1 });
    await admin.collection('things').getOne(thing.id);
    await fetch(`${url}/api/collections/things/records/missing-id`).then((r) => r.text());
    await fetch(`${url}/no/such/route`).then((r) => r.text());
    const { text } = await scrape();
    const route = '/api/collections/:collection/records/:id';
    expect(sample(text, 'plinth_http_requests_total', { method: 'GET', route, status: '200' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'plinth_http_requests_total', { method: 'GET', route, status: '404' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'plinth_http_requests_total', { route: 'unmatched', status: '404' })).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(thing.id);
    expect(text).not.toContain('missing-id');
    expect(sample(text, 'plinth_http_request_duration_seconds_count', { method: 'POST', route: '/api/collections/:collection/records', status: '200' })).toBe(2); // the user and the thing
    expect(sample(text, 'plinth_http_request_duration_seconds_bucket', { route, le: '+Inf', status: '200' })).toBeGreaterThanOrEqual(1);
    // The scrape itself is in flight while the text is rendered.
    expect(sample(text, 'plinth_http_requests_in_flight')).toBeGreaterThanOrEqual(1);
  });

  it('times storage operations at the port boundary and exposes process metrics', async () => {
    const { text } = await scrape();
    expect(sample(text, 'plinth_db_query_duration_seconds_count', { operation: 'find', outcome: 'ok' })).toBeGreaterThan(0);
    expect(sample(text, 'plinth_db_query_duration_seconds_count', { operation: 'insert', outcome: 'ok' })).toBeGreaterThan(0);
    expect(sample(text, 'plinth_process_cpu_seconds_total')).toBeGreaterThan(0);
    expect(sample(text, 'plinth_nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect(sample(text, 'plinth_realtime_connections')).toBe(0);
  });

  it('reports webhook deliveries by result, queue depth and outcomes, and outbox lag', async () => {
    await admin.settings.update({ webhooks: { allowPrivateTargets: true, retrySchedule: [0.2], timeout: 2 } });
    receiver.answer = (req) => (req.path === '/fail' ? 500 : 200);
    await admin.collection('_webhooks').create({ name: 'ok', url: receiver.url + '/ok', events: ['things.create'], enabled: true });
    await admin.collection('_webhooks').create({ name: 'fail', url: receiver.url + '/fail', events: ['things.create'], enabled: true });
    await admin.collection('things').create({ n: 2 });
    const text = await eventually('both deliveries to finish', async () => {
      const { text } = await scrape();
      // The job counts settle a moment after the delivery metrics: wait for both.
      const failed = sample(text, 'plinth_webhook_deliveries_total', { result: 'failed' }) ?? 0;
      const completed = sample(text, 'plinth_jobs', { queue: 'webhooks:deliver', state: 'completed' }) ?? 0;
      return failed >= 1 && completed >= 3 && text;
    });
    expect(sample(text, 'plinth_webhook_deliveries_total', { result: 'delivered' })).toBe(1);
    expect(sample(text, 'plinth_webhook_deliveries_total', { result: 'retrying' })).toBe(1);
    expect(sample(text, 'plinth_webhook_delivery_duration_seconds_count', { result: 'delivered' })).toBe(1);
    expect(sample(text, 'plinth_jobs', { queue: 'webhooks:deliver', state: 'completed' })).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'plinth_jobs', { queue: 'webhooks:deliver', state: 'waiting' })).toBe(0);
    expect(sample(text, 'plinth_outbox_lag_seconds')).toBeGreaterThanOrEqual(0);
  });

  it('serves a JSON summary for the console', async () => {
    const res = await fetch(`${url}/api/metrics/summary`, { headers: { Authorization: admin.authStore.token } });
    expect(res.status).toBe(200);
    const summary = await res.json();
    expect(summary.http.requests).toBeGreaterThan(5);
    expect(summary.http.clientErrors).toBeGreaterThanOrEqual(2);
    expect(summary.routes[0]).toMatchObject({ method: expect.any(String), route: expect.any(String), requests: expect.any(Number) });
    expect(summary.db.queries).toBeGreaterThan(0);
    expect(summary.webhooks).toMatchObject({ delivered: 1, failed: 1 });
    expect(summary.jobs['webhooks:deliver']).toMatchObject({ completed: expect.any(Number) });
    expect(summary.process.residentMemoryBytes).toBeGreaterThan(0);
    expect((await fetch(`${url}/api/metrics/summary`)).status).toBe(401);
  });

  it('estimates latency percentiles from the histogram buckets, overall and per route', async () => {
    for (let i = 0; i < 20; i++) await fetch(`${url}/api/health`).then((r) => r.text());
    const res = await fetch(`${url}/api/metrics/summary`, { headers: { Authorization: admin.authStore.token } });
    const summary = await res.json();
    const { p50Ms, p95Ms, p99Ms } = summary.http;
    expect(p50Ms).toBeGreaterThan(0);
    expect(p50Ms).toBeLessThanOrEqual(p95Ms);
    expect(p95Ms).toBeLessThanOrEqual(p99Ms);
    for (const r of summary.routes) expect(r).toMatchObject({ p50Ms: expect.any(Number), p95Ms: expect.any(Number), p99Ms: expect.any(Number) });

    // No request reaches /api/health between the summary and this scrape: its buckets are the ones summarised.
    const health = summary.routes.find((r: { route: string }) => r.route === '/api/health');
    expect(health.requests).toBeGreaterThanOrEqual(20);
    const { text } = await scrape();
    const byBound = new Map<number, number>(); // summed over the status label
    for (const l of text.split('\n')) {
      if (!l.startsWith('plinth_http_request_duration_seconds_bucket{') || !l.includes('route="/api/health"')) continue;
      const le = Number(/le="([^"]+)"/.exec(l)![1]!.replace('+Inf', 'Infinity'));
      byBound.set(le, (byBound.get(le) ?? 0) + Number(l.slice(l.lastIndexOf(' ') + 1)));
    }
    const bounds = [...byBound].map(([le, count]) => ({ le, count }));
    const total = bounds.find((b) => b.le === Infinity)!.count;
    expect(total).toBe(health.requests);
    for (const [q, ms] of [[0.5, health.p50Ms], [0.95, health.p95Ms], [0.99, health.p99Ms]] as const) {
      // The estimate lies inside the bucket that holds the rank (the lowest bucket starts at 0).
      const finite = bounds.filter((b) => b.le !== Infinity).sort((a, b) => a.le - b.le);
      const i = finite.findIndex((b) => b.count >= q * total);
      const upper = i === -1 ? finite.at(-1)!.le : finite[i]!.le;
      const lower = i <= 0 ? (i === -1 ? upper : 0) : finite[i - 1]!.le;
      expect(ms / 1000).toBeGreaterThanOrEqual(lower - 1e-9);
      expect(ms / 1000).toBeLessThanOrEqual(upper + 1e-9);
    }
  });

  it('reports percentiles over the recent window: only requests since the previous look count', async () => {
    const http = async () => {
      const res = await fetch(`${url}/api/metrics/summary`, { headers: { Authorization: admin.authStore.token } });
      return (await res.json()).http;
    };
    await http(); // a snapshot to measure from
    for (let i = 0; i < 7; i++) await fetch(`${url}/api/health`).then((r) => r.text());
    const { recent, requests } = await http();
    // The window starts at the oldest look of the last minute (this file's first summary call), so the requests
    // of the tests before that are not in it, these 7 are.
    expect(recent.requests).toBeGreaterThanOrEqual(7);
    expect(requests).toBeGreaterThan(recent.requests);
    expect(recent.windowSeconds).toBeLessThan(60);
    expect(recent.p50Ms).toBeGreaterThan(0);
    expect(recent.p50Ms).toBeLessThanOrEqual(recent.p99Ms);
  });
});

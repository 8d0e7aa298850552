/**
 * End-to-end webhook latency under load: writers create records through the HTTP API as fast as they can
 * for a while; one webhook on `posts.create` posts to a loopback receiver. Latency = the receiver's arrival
 * time minus the moment the create request was sent (ids are chosen by the client, so the two can be
 * matched; both clocks are this machine's). Reports p50/p90/p99/max over every delivery. Plinth, the load
 * generator (this script) and the receiver are separate processes. `--redis` runs jobs on BullMQ.
 */
import { percentile, printSummary, round, runFor, SHORT, startPlinthProcess, startReceiverProcess, waitUntil } from './bench-plinth.js';

const LOAD_MS = SHORT ? 5_000 : 30_000;
const CONCURRENCY = 8;
const REDIS_URL = process.argv.includes('--redis') ? (process.env.REDIS_URL ?? 'redis://127.0.0.1:6379') : undefined;

const sentAt = new Map<string, number>();
const receiver = await startReceiverProcess({ arrivals: true });
const b = await startPlinthProcess({ redisUrl: REDIS_URL });
const now = () => performance.timeOrigin + performance.now();
try {
  await b.api('POST', '/api/collections', { name: 'posts', createRule: '', fields: [{ name: 'title', type: 'text' }] });
  await b.api('PATCH', '/api/settings', { webhooks: { allowPrivateTargets: true } });
  await b.api('POST', '/api/collections/_webhooks/records', { name: 'bench', url: `${receiver.url}/hook`, events: ['posts.create'], enabled: true });
  const id = (i: number) => `wl${String(i).padStart(13, '0')}`;
  const started = performance.now();
  const created = await runFor(LOAD_MS, CONCURRENCY, async (i) => {
    sentAt.set(id(i), now());
    await b.api('POST', '/api/collections/posts/records', { id: id(i), title: 'hello' }, '');
  });
  const loadEnded = performance.now();
  let arrivals: Record<string, number> = {};
  await waitUntil(async () => Object.keys((arrivals = (await receiver.stats()).arrivals)).length >= created, 300_000, `${created} deliveries`);
  const drained = performance.now();
  const latencies = [...sentAt].filter(([key]) => arrivals[key] !== undefined).map(([key, t0]) => arrivals[key] - t0);
  const sorted = latencies.sort((a, c) => a - c);
  printSummary('webhook-latency', {
    backend: b.backend,
    jobs: REDIS_URL ? 'bullmq' : 'in-process',
    concurrency: CONCURRENCY,
    loadSeconds: LOAD_MS / 1000,
    created,
    createsPerSec: round(created / ((loadEnded - started) / 1000)),
    delivered: latencies.length,
    drainSecondsAfterLoad: round((drained - loadEnded) / 1000, 2),
    latencyMs: {
      p50: round(percentile(sorted, 50)),
      p90: round(percentile(sorted, 90)),
      p99: round(percentile(sorted, 99)),
      max: round(sorted[sorted.length - 1]),
    },
  });
} finally {
  await b.close();
  await receiver.close();
}

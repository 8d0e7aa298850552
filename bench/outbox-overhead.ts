/**
 * What the transactional outbox and webhook delivery cost the write path: record creates per second through
 * the HTTP API with no webhook, then with one enabled webhook subscribed to them. Plinth runs as `plinth serve`
 * in a process of its own, its deliveries in that process as in production; the load generator (this script)
 * and the webhook endpoint (webhook-receiver.ts) are other processes, as a user's clients and endpoint are. Rounds alternate (off, on, off, on, ...) so that a machine
 * whose load drifts affects both sides alike; the receiver is drained before each "off" round.
 * Target (issue 5): the webhook costs at most 15% of the creates/s. `--redis` runs jobs on BullMQ.
 */
import { printSummary, round, runFor, SHORT, startPlinthProcess, startReceiverProcess, waitUntil } from './bench-plinth.js';

const ROUND_MS = SHORT ? 5_000 : 15_000;
const PAIRS = SHORT ? 1 : 3;
const CONCURRENCY = 16;
const REDIS_URL = process.argv.includes('--redis') ? (process.env.REDIS_URL ?? 'redis://127.0.0.1:6379') : undefined;

const receiver = await startReceiverProcess();
const b = await startPlinthProcess({ redisUrl: REDIS_URL });
try {
  await b.api('POST', '/api/collections', { name: 'posts', createRule: '', fields: [{ name: 'title', type: 'text' }, { name: 'body', type: 'text' }] });
  await b.api('PATCH', '/api/settings', { webhooks: { allowPrivateTargets: true } });
  const hook = await b.api<{ id: string }>('POST', '/api/collections/_webhooks/records', {
    name: 'bench',
    url: `${receiver.url}/hook`,
    events: ['posts.create'],
    enabled: false,
  });
  const create = () => b.api('POST', '/api/collections/posts/records', { title: 'hello', body: 'x'.repeat(200) }, '').then(() => undefined);
  let created = 0;
  const round_ = async (enabled: boolean) => {
    await b.api('PATCH', `/api/collections/_webhooks/records/${hook.id}`, { enabled });
    const n = await runFor(ROUND_MS, CONCURRENCY, create);
    created += n;
    return n / (ROUND_MS / 1000);
  };
  await runFor(2_000, CONCURRENCY, create); // warm-up: JIT, pools, caches
  const off: number[] = [];
  const on: number[] = [];
  let deliveredTotal = 0;
  const deliveredDuringRounds: number[] = [];
  for (let i = 0; i < PAIRS; i++) {
    off.push(await round_(false));
    const before = (await receiver.stats()).received;
    on.push(await round_(true));
    const expected = before + Math.round(on[on.length - 1] * (ROUND_MS / 1000));
    const atRoundEnd = (await receiver.stats()).received;
    deliveredDuringRounds.push(round((atRoundEnd - before) / (ROUND_MS / 1000)));
    // Drain the deliveries of the "on" round before the next "off" round is measured.
    let received = atRoundEnd;
    await waitUntil(async () => (received = (await receiver.stats()).received) >= expected, 300_000, 'webhook deliveries to drain');
    deliveredTotal = received;
  }
  const mean = (xs: number[]) => xs.reduce((a, c) => a + c, 0) / xs.length;
  const overhead = 1 - mean(on) / mean(off);
  printSummary('outbox-overhead', {
    backend: b.backend,
    jobs: REDIS_URL ? 'bullmq' : 'in-process',
    concurrency: CONCURRENCY,
    roundSeconds: ROUND_MS / 1000,
    createsPerSecNoWebhook: off.map((x) => round(x)),
    createsPerSecOneWebhook: on.map((x) => round(x)),
    meanNoWebhook: round(mean(off)),
    meanOneWebhook: round(mean(on)),
    overheadPercent: round(overhead * 100),
    targetMaxPercent: 15,
    deliveredPerSecDuringOnRounds: deliveredDuringRounds,
    webhooksDelivered: deliveredTotal,
    recordsCreated: created,
  });
} finally {
  await b.close();
  await receiver.close();
}

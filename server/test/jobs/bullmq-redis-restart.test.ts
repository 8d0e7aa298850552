/** Fault test: Redis is killed (-9) and restarted while BullMQ jobs run; every job still completes. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.js';
import { BullJobQueue } from '../../src/jobs/bullmq-queue.js';
import { startPrivateRedis } from './redis-support.js';
import { sleep, waitFor } from './wait-for.js';

let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
let queue: BullJobQueue | undefined;

beforeAll(async () => {
  redis = await startPrivateRedis();
});
afterAll(async () => {
  await queue?.close();
  await redis?.dispose();
});

it('completes every job when Redis restarts mid-run', { timeout: 120_000 }, async () => {
  queue = new BullJobQueue(redis.url, silentLogger, {
    prefix: 'restart',
    closeTimeoutMs: 2_000,
    lockDurationMs: 3_000,
    stalledIntervalMs: 2_000,
  });
  const done = new Set<number>();
  queue.define<{ n: number }>({
    name: 'work',
    options: { concurrency: 4, attempts: 10, backoff: { type: 'fixed', delayMs: 200 } },
    handle: async ({ n }) => {
      await sleep(150);
      done.add(n);
    },
  });
  await queue.start();
  const total = 60;
  for (let n = 0; n < total / 2; n++) await queue.enqueue('work', { n }, { dedupId: `job-${n}` });
  await waitFor(() => done.size >= 5, 'the first jobs to complete');

  await redis.restart(1_000);
  // Enqueued after the restart, through the same (reconnected) connection.
  for (let n = total / 2; n < total; n++) await queue.enqueue('work', { n }, { dedupId: `job-${n}` });

  await waitFor(() => done.size === total, `all ${total} jobs to complete`, 90_000);
  expect([...done].sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i));
  await waitFor(async () => (await queue!.counts()).find((c) => c.name === 'work')?.counts.completed === total, 'completed count', 60_000);
});

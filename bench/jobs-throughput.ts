/**
 * Jobs per second through Plinth's JobQueue on BullMQ (jobs/bullmq-queue.ts, the driver every Plinth uses
 * with REDIS_URL) against raw BullMQ on the same Redis, with the same job options (attempts, backoff,
 * retention) and worker concurrency. Each run: a worker is up, N no-op jobs are enqueued with 64 adds in
 * flight, the clock stops when the last one has run. Runs alternate (raw, plinth, raw, plinth, ...).
 * Target (issue 5): Plinth reaches at least 0.8 of raw BullMQ. Keys live under a unique prefix, removed after.
 * The queue is built directly rather than through a whole Plinth: a Plinth would also run its own
 * webhook/mail/log schedulers on the shared Redis, which is not what is measured here.
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as BullMQ from 'bullmq';
import type * as IORedis from 'ioredis';
import { createLogger } from '../server/src/core/logger.js';
import { BullJobQueue } from '../server/src/jobs/bullmq-queue.js';
import { attemptsOf, backoffOf, KEEP_COMPLETED_MS, KEEP_FAILED_MS } from '../server/src/jobs/job-run.js';
import { printSummary, round, SHORT, waitUntil } from './bench-plinth.js';

// The server package owns these dependencies: resolve them from there.
const require = createRequire(new URL('../server/package.json', import.meta.url));
const { Queue, Worker } = require('bullmq') as typeof BullMQ;
const { Redis } = require('ioredis') as typeof IORedis;

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const JOBS = SHORT ? 2_000 : 20_000;
const PAIRS = SHORT ? 1 : 2;
const CONCURRENCY = 50;
const IN_FLIGHT_ADDS = 64;
const prefix = `bench-jobs-${randomBytes(4).toString('hex')}`;

async function addAll(add: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT_ADDS }, async () => {
      while (next < JOBS) await add(next++);
    }),
  );
}

async function rawRun(run: number): Promise<number> {
  const name = `raw-${run}`;
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue(name, { connection, prefix });
  let done = 0;
  const workerConnection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const worker = new Worker(name, async () => void done++, { connection: workerConnection, prefix, concurrency: CONCURRENCY });
  await worker.waitUntilReady();
  const backoff = backoffOf(undefined);
  const opts = {
    attempts: attemptsOf(undefined),
    backoff: { type: backoff.type, delay: backoff.delayMs },
    removeOnComplete: { age: KEEP_COMPLETED_MS / 1000 },
    removeOnFail: { age: KEEP_FAILED_MS / 1000 },
  };
  const started = performance.now();
  await addAll((i) => queue.add(name, { i }, opts));
  await waitUntil(() => done >= JOBS, 600_000, 'raw jobs');
  const seconds = (performance.now() - started) / 1000;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();
  workerConnection.disconnect();
  return JOBS / seconds;
}

async function plinthRun(run: number): Promise<number> {
  const jobs = new BullJobQueue(REDIS_URL, createLogger('error'), { prefix });
  const name = `bench:plinth-${run}`;
  let done = 0;
  jobs.define({ name, options: { concurrency: CONCURRENCY }, handle: async () => void done++ });
  await jobs.start();
  const started = performance.now();
  await addAll((i) => jobs.enqueue(name, { i }));
  await waitUntil(() => done >= JOBS, 600_000, 'plinth jobs');
  const seconds = (performance.now() - started) / 1000;
  await jobs.close();
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const cleanup = new Queue(name.replaceAll(':', '.'), { connection, prefix });
  await cleanup.obliterate({ force: true });
  await cleanup.close();
  connection.disconnect();
  return JOBS / seconds;
}

const raw: number[] = [];
const plinth: number[] = [];
for (let i = 0; i < PAIRS; i++) {
  raw.push(await rawRun(i));
  plinth.push(await plinthRun(i));
}
const mean = (xs: number[]) => xs.reduce((a, c) => a + c, 0) / xs.length;
printSummary('jobs-throughput', {
  redis: REDIS_URL,
  jobsPerRun: JOBS,
  concurrency: CONCURRENCY,
  rawBullmqJobsPerSec: raw.map((x) => round(x)),
  plinthJobsPerSec: plinth.map((x) => round(x)),
  ratio: round(mean(plinth) / mean(raw), 2),
  targetMinRatio: 0.8,
});

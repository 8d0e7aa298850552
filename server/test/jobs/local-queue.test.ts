/** The in-process driver through the shared suite on every storage backend, plus crash recovery. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.js';
import type { JobQueue } from '../../src/jobs/job-queue.js';
import { LocalJobQueue } from '../../src/jobs/local-queue.js';
import { createStorage } from '../../src/storage/create-storage.js';
import type { StorageAdapter } from '../../src/storage/port.js';
import { createTestDatabase, testBackends, type TestDatabase } from '../support/test-database.js';
import { runJobQueueSuite } from './job-queue-suite.js';
import { uniqueJobName, waitFor } from './wait-for.js';

// A lease long enough that a stalled event loop on a loaded machine never lets a live attempt be re-claimed.
const FAST = { pollIntervalMs: 100, leaseMs: 10_000, closeTimeoutMs: 2_000 };

/** Queues on one database; each extra instance gets its own connection where the backend allows it. */
async function openBackend(backend: (typeof testBackends)[number]) {
  const db: TestDatabase = await createTestDatabase(backend);
  const storages: StorageAdapter[] = [];
  const queues: JobQueue[] = [];
  const open = async () => {
    // PGlite is single-process: instances share its one connection.
    if (backend === 'pglite' && storages.length) return storages[0];
    const storage = await createStorage(db.database, silentLogger);
    await storage.migrate();
    storages.push(storage);
    return storage;
  };
  return {
    open,
    async create() {
      const queue = new LocalJobQueue(await open(), silentLogger, FAST);
      queues.push(queue);
      return queue;
    },
    async dispose() {
      for (const q of queues) await q.close();
      for (const s of storages) await s.close();
      await db.dispose();
    },
  };
}

for (const backend of testBackends) {
  runJobQueueSuite(`local (${backend})`, () => openBackend(backend));

  describe(`local job queue crash recovery (${backend})`, () => {
    let backendHandle: Awaited<ReturnType<typeof openBackend>>;
    beforeAll(async () => {
      backendHandle = await openBackend(backend);
    });
    afterAll(async () => backendHandle?.dispose());

    it('retries a job left active by a dead process once its lease expires', async () => {
      const storage = await backendHandle.open();
      const job = uniqueJobName('orphan');
      const now = Date.now();
      const id = await storage.addJob({ id: `orphan-${now}`, queue: job, payload: { n: 1 }, maxAttempts: 1, runAt: now, createdAt: now });
      // A process that claimed it and died: its lease runs out in a second.
      const [claimed] = await storage.claimJobs({ queue: job, owner: 'dead-process', now, leaseUntil: now + 1_000, limit: 1 });
      expect(claimed.id).toBe(id);

      const runs: number[] = [];
      const queue = await backendHandle.create();
      queue.define({ name: job, handle: async (_p, ctx) => void runs.push(ctx.attempt) });
      await queue.start();
      await waitFor(async () => (await queue.listJobs(job, 'completed', 1, 10)).length === 1, 'the orphaned job to complete');
      expect(runs).toEqual([1]);
      expect(await storage.finishJob(id, 'dead-process', { state: 'completed', at: Date.now() })).toBe(false);
    });

    it('hands a job interrupted by close back uncounted, and the next instance completes it', async () => {
      const job = uniqueJobName('interrupted');
      const first = await backendHandle.create();
      let started = false;
      // One attempt only: were the interrupted attempt counted, the job would be failed for good.
      first.define({
        name: job,
        options: { attempts: 1 },
        handle: (_p, ctx) =>
          new Promise<void>((_resolve, reject) => {
            started = true;
            ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason), { once: true });
          }),
      });
      await first.start();
      const id = await first.enqueue(job, {});
      await waitFor(() => started, 'the first attempt to start');
      await first.close();

      const [waiting] = await first.listJobs(job, 'waiting', 1, 10);
      expect(waiting).toMatchObject({ id, attempts: 0 });
      expect(waiting.error).toBeUndefined();
      expect(await first.listJobs(job, 'failed', 1, 10)).toEqual([]);

      const attempts: number[] = [];
      const second = await backendHandle.create();
      second.define({ name: job, options: { attempts: 1 }, handle: async (_p, ctx) => void attempts.push(ctx.attempt) });
      await second.start();
      const done = async () => {
        const list = await second.listJobs(job, 'completed', 1, 10);
        return list.length ? list : null;
      };
      const [completed] = await waitFor(done, 'the job to complete');
      expect(completed).toMatchObject({ id, attempts: 1 });
      expect(attempts).toEqual([1]);
    });

    it('keeps jobs across a restart of the queue', async () => {
      const job = uniqueJobName('restart');
      const first = await backendHandle.create();
      const ids = await Promise.all([1, 2, 3].map((n) => first.enqueue(job, { n }, { delayMs: 300 })));
      await first.close();
      const seen: number[] = [];
      const second = await backendHandle.create();
      second.define<{ n: number }>({ name: job, handle: async (p) => void seen.push(p.n) });
      await second.start();
      await waitFor(() => seen.length === 3, 'the jobs to run after the restart');
      expect(seen.sort()).toEqual([1, 2, 3]);
      expect((await second.listJobs(job, 'completed', 1, 10)).map((j) => j.id).sort()).toEqual([...ids].sort());
    });
  });
}

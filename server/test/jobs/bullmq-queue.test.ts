/** The BullMQ driver through the shared suite (shared Redis, a key prefix of its own). */
import { randomBytes } from 'node:crypto';
import { silentLogger } from '../../src/core/logger.js';
import { BullJobQueue } from '../../src/jobs/bullmq-queue.js';
import type { JobQueue } from '../../src/jobs/job-queue.js';
import { runJobQueueSuite } from './job-queue-suite.js';
import { deleteKeys, SHARED_REDIS_URL } from './redis-support.js';

runJobQueueSuite('bullmq', async () => {
  const prefix = `plinth-test-${randomBytes(6).toString('hex')}`;
  const queues: JobQueue[] = [];
  return {
    async create() {
      const queue = new BullJobQueue(SHARED_REDIS_URL, silentLogger, { prefix, closeTimeoutMs: 2_000 });
      queues.push(queue);
      return queue;
    },
    async dispose() {
      for (const q of queues) await q.close();
      await deleteKeys(SHARED_REDIS_URL, prefix);
    },
  };
});

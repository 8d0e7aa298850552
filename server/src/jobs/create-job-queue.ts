/** Picks the JobQueue driver: BullMQ when REDIS_URL is set, else the in-process driver durable in the database. */
import type { Config } from '../config/config.js';
import type { Logger } from '../core/logger.js';
import type { StorageAdapter } from '../storage/port.js';
import { BullJobQueue, type BullQueueOptions } from './bullmq-queue.js';
import type { JobQueue } from './job-queue.js';
import { LocalJobQueue, type LocalQueueOptions } from './local-queue.js';

export function createJobQueue(
  config: Pick<Config, 'redisUrl'>,
  storage: StorageAdapter,
  logger: Logger,
  options: { bullmq?: BullQueueOptions; local?: LocalQueueOptions } = {},
): JobQueue {
  if (config.redisUrl) return new BullJobQueue(config.redisUrl, logger, options.bullmq);
  return new LocalJobQueue(storage, logger, options.local);
}

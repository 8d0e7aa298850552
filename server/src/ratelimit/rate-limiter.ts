/** Picks the RateLimiter backend from the configuration: Redis when REDIS_URL is set, memory otherwise. */
import type { Config } from '../config/config.js';
import type { RateLimiter } from '../core/auth/rate-limit-port.js';
import type { Logger } from '../core/logger.js';
import { createMemoryRateLimiter } from './rate-limit-memory.js';
import { createRedisRateLimiter } from './rate-limit-redis.js';

export function createRateLimiter(config: Pick<Config, 'redisUrl'>, logger: Logger, opts: { keyPrefix?: string } = {}): RateLimiter {
  return config.redisUrl ? createRedisRateLimiter({ url: config.redisUrl, logger, keyPrefix: opts.keyPrefix }) : createMemoryRateLimiter();
}

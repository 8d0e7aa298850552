/**
 * Redis fixed-window counters, shared by every Plinth instance on the same Redis (REDIS_URL). One key per
 * (key, window), created with its expiry and incremented in one MULTI. If Redis does not answer in time the
 * hit is allowed and a warning logged: an unavailable counter store must not take the API down with it.
 */
import { Redis } from 'ioredis';
import type { Logger } from '../core/logger.js';
import type { RateLimiter } from '../core/auth/rate-limit-port.js';

export interface RedisRateLimiterOptions {
  url: string;
  logger: Logger;
  /** Namespace of every key (tests use a unique one). */
  keyPrefix?: string;
  now?: () => number;
}

export function createRedisRateLimiter(opts: RedisRateLimiterOptions): RateLimiter {
  const now = opts.now ?? Date.now;
  const prefix = opts.keyPrefix ?? 'plinth:rl:';
  const redis = new Redis(opts.url, { commandTimeout: 1000, maxRetriesPerRequest: 1, lazyConnect: true });
  let warned = 0;
  redis.on('error', (err: Error) => {
    // ioredis reconnects on its own; one line per minute is enough.
    if (Date.now() - warned > 60_000) {
      warned = Date.now();
      opts.logger.warn('rate limiter: redis error', { error: err.message });
    }
  });

  return {
    async hit(key, max, windowSeconds) {
      const length = Math.max(1, windowSeconds);
      const index = Math.floor(now() / 1000 / length);
      const redisKey = `${prefix}${length}:${index}:${key}`;
      try {
        const results = await redis.multi().set(redisKey, 0, 'EX', length + 1, 'NX').incr(redisKey).exec();
        const count = Number(results?.[1]?.[1] ?? 0);
        return count <= max;
      } catch (err) {
        opts.logger.warn('rate limiter: redis unavailable, request allowed', { error: (err as Error).message });
        return true;
      }
    },
    async close() {
      if (redis.status === 'wait') return redis.disconnect();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** Against the shared Redis at 127.0.0.1:6379 with a unique key prefix: counts are shared between instances. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../core/logger.js';
import { createRateLimiter } from './rate-limiter.js';

const REDIS_URL = process.env.PLINTH_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('redis rate limiter', () => {
  it('shares one window between every instance on the same Redis', async () => {
    const keyPrefix = `plinth-test:rl:${randomBytes(6).toString('hex')}:`;
    const a = createRateLimiter({ redisUrl: REDIS_URL }, silentLogger, { keyPrefix });
    const b = createRateLimiter({ redisUrl: REDIS_URL }, silentLogger, { keyPrefix });
    try {
      const results = await Promise.all([...Array(6)].map((_, i) => (i % 2 ? a : b).hit('login|1.2.3.4', 4, 60)));
      expect(results.filter(Boolean)).toHaveLength(4);
      expect(await a.hit('login|5.6.7.8', 4, 60)).toBe(true);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('lets requests through when Redis is unreachable', async () => {
    const limiter = createRateLimiter({ redisUrl: 'redis://127.0.0.1:1' }, silentLogger);
    try {
      expect(await limiter.hit('k', 1, 10)).toBe(true);
    } finally {
      await limiter.close();
    }
  });
});

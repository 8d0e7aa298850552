/**
 * In-memory fixed-window counters: the RateLimiter of a single instance (no REDIS_URL). Windows are aligned
 * on multiples of their length; expired counters are swept at most once per second.
 */
import type { RateLimiter } from '../core/auth/rate-limit-port.js';

interface Window {
  index: number;
  count: number;
  expiresAt: number;
}

export function createMemoryRateLimiter(now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, Window>();
  let lastSweep = 0;

  const sweep = (t: number) => {
    if (t - lastSweep < 1000) return;
    lastSweep = t;
    for (const [key, w] of windows) if (w.expiresAt <= t) windows.delete(key);
  };

  return {
    async hit(key, max, windowSeconds) {
      const t = now();
      sweep(t);
      const length = Math.max(1, windowSeconds) * 1000;
      const index = Math.floor(t / length);
      const mapKey = `${windowSeconds}:${key}`;
      let w = windows.get(mapKey);
      if (!w || w.index !== index) {
        w = { index, count: 0, expiresAt: (index + 1) * length };
        windows.set(mapKey, w);
      }
      if (w.count >= max) return false;
      w.count++;
      return true;
    },
    async close() {
      windows.clear();
    },
  };
}

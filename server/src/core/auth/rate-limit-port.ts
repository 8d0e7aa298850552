/**
 * The counter store behind rate limits (implemented by ratelimit/: Redis when REDIS_URL is set, so every
 * instance shares the counts; in memory otherwise). Core uses it for attempt limits (OTP), the HTTP layer for
 * the settings.rateLimits rules.
 */
export interface RateLimiter {
  /**
   * Counts one hit on `key` in a fixed window of `windowSeconds`. Resolves false once the window already
   * holds `max` hits (the hit is then refused and not counted).
   */
  hit(key: string, max: number, windowSeconds: number): Promise<boolean>;
  close(): Promise<void>;
}

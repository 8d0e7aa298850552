/**
 * Readiness (`GET /api/health/ready`), as opposed to liveness (`GET /api/health`): may a load balancer send
 * this instance traffic right now? Yes when its database answers, its Redis answers (when configured), and it
 * is not shutting down. Migrations need no probe of their own: boot applies them before the server listens,
 * and an instance whose migrations fail never starts.
 *
 * Results are cached briefly: the endpoint is public, and a probe must not become a way to load the database.
 */
import { Redis } from 'ioredis';
import type { App } from '../core/app.js';

export type CheckState = 'ok' | 'failing' | 'draining';

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, CheckState>;
}

export interface Readiness {
  check(): Promise<ReadinessReport>;
  /** From now on not ready (graceful shutdown: the load balancer stops routing here while requests drain). */
  drain(): void;
  close(): Promise<void>;
}

export interface ReadinessOptions {
  /** Per-dependency timeout (default 2 s). */
  timeoutMs?: number;
  /** How long a report is reused (default 1 s). */
  cacheMs?: number;
}

function withTimeout(work: Promise<unknown>, ms: number): Promise<CheckState> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckState>((resolve) => {
    timer = setTimeout(() => resolve('failing'), ms);
  });
  return Promise.race([work.then(() => 'ok' as const, () => 'failing' as const), timeout]).finally(() => clearTimeout(timer));
}

export function createReadiness(app: App, opts: ReadinessOptions = {}): Readiness {
  const timeoutMs = opts.timeoutMs ?? 2_000;
  const cacheMs = opts.cacheMs ?? 1_000;
  // Its own connection: a probe must not queue behind (or be hidden by) the job queue's blocking commands.
  const redis = app.config.redisUrl
    ? new Redis(app.config.redisUrl, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: timeoutMs })
    : null;
  redis?.on('error', () => undefined); // reported through the check; ioredis reconnects by itself
  let draining = false;
  let cached: { at: number; report: Promise<ReadinessReport> } | null = null;

  const pingRedis = async () => {
    if (redis!.status === 'wait' || redis!.status === 'end') await redis!.connect();
    await redis!.ping();
  };

  const probe = async (): Promise<ReadinessReport> => {
    const checks: Record<string, CheckState> = { migrations: 'ok' };
    const [database, cache] = await Promise.all([
      withTimeout(app.storage.latestEventSeq(), timeoutMs),
      redis ? withTimeout(pingRedis(), timeoutMs) : Promise.resolve(null),
    ]);
    checks.database = database;
    if (cache) checks.redis = cache;
    return { ready: Object.values(checks).every((c) => c === 'ok'), checks };
  };

  return {
    async check() {
      if (draining) return { ready: false, checks: { shutdown: 'draining' } };
      if (!cached || Date.now() - cached.at > cacheMs) cached = { at: Date.now(), report: probe() };
      return cached.report;
    },
    drain() {
      draining = true;
    },
    async close() {
      draining = true;
      if (redis) redis.disconnect();
    },
  };
}

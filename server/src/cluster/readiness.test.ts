import { describe, expect, it } from 'vitest';
import type { App } from '../core/app.js';
import { createReadiness } from './readiness.js';

const SHARED_REDIS = process.env.PLINTH_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function fakeApp(latestEventSeq: () => Promise<number>, redisUrl: string | null = null) {
  let calls = 0;
  const app = {
    config: { redisUrl },
    storage: {
      latestEventSeq: () => {
        calls++;
        return latestEventSeq();
      },
    },
  } as unknown as App;
  return { app, calls: () => calls };
}

describe('readiness', () => {
  it('is ready when the database answers, and caches the answer briefly', async () => {
    const { app, calls } = fakeApp(async () => 7);
    const readiness = createReadiness(app, { cacheMs: 60_000 });
    expect(await readiness.check()).toEqual({ ready: true, checks: { migrations: 'ok', database: 'ok' } });
    await readiness.check();
    expect(calls()).toBe(1);
    await readiness.close();
  });

  it('is not ready when the database fails or does not answer in time', async () => {
    const failing = createReadiness(fakeApp(async () => Promise.reject(new Error('down'))).app, { cacheMs: 0 });
    expect(await failing.check()).toMatchObject({ ready: false, checks: { database: 'failing' } });
    const hanging = createReadiness(fakeApp(() => new Promise<number>(() => undefined)).app, { cacheMs: 0, timeoutMs: 50 });
    expect(await hanging.check()).toMatchObject({ ready: false, checks: { database: 'failing' } });
  });

  it('is not ready once draining (graceful shutdown)', async () => {
    const readiness = createReadiness(fakeApp(async () => 1).app);
    readiness.drain();
    expect(await readiness.check()).toEqual({ ready: false, checks: { shutdown: 'draining' } });
  });

  it('checks Redis when configured', async () => {
    const up = createReadiness(fakeApp(async () => 1, SHARED_REDIS).app, { cacheMs: 0 });
    try {
      expect(await up.check()).toEqual({ ready: true, checks: { migrations: 'ok', database: 'ok', redis: 'ok' } });
    } finally {
      await up.close();
    }
    // Port 1 on loopback: nothing listens there.
    const down = createReadiness(fakeApp(async () => 1, 'redis://127.0.0.1:1').app, { cacheMs: 0, timeoutMs: 500 });
    try {
      expect(await down.check()).toMatchObject({ ready: false, checks: { database: 'ok', redis: 'failing' } });
    } finally {
      await down.close();
    }
  });
});

import { describe, expect, it } from 'vitest';
import type { StorageAdapter, StorageSession } from '../storage/port.js';
import { createMetrics } from './metrics.js';
import { instrumentStorage } from './storage-metrics.js';

/** Only what the decorator touches; everything else is irrelevant to it. */
function fakeStorage(): StorageAdapter {
  const session = {
    async find() {
      return [{ id: 'a' }];
    },
    async count() {
      throw new Error('boom');
    },
    latestEventSeq() {
      return Promise.resolve(7);
    },
    watchEvents() {
      return () => undefined;
    },
  };
  return {
    ...session,
    dialect: 'fake',
    capabilities: { transactions: true, viewCollections: false },
    async transaction<T>(fn: (tx: StorageSession) => Promise<T>) {
      return fn(session as unknown as StorageSession);
    },
    async close() {},
  } as unknown as StorageAdapter;
}

const count = async (metrics: ReturnType<typeof createMetrics>, operation: string, outcome: string) => {
  const json = await metrics.registry.getSingleMetric('plinth_db_query_duration_seconds')!.get();
  return json.values.find((v) => (v as { metricName?: string }).metricName === 'plinth_db_query_duration_seconds_count' && v.labels.operation === operation && v.labels.outcome === outcome)?.value ?? 0;
};

describe('instrumentStorage', () => {
  it('times operations by name and outcome, including inside transactions and methods the port gains later', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const storage = instrumentStorage(fakeStorage(), metrics);
    expect(storage.dialect).toBe('fake');
    expect(await storage.find({} as never)).toEqual([{ id: 'a' }]);
    await expect(storage.count({} as never)).rejects.toThrow('boom');
    expect(await storage.transaction((tx) => tx.find({} as never))).toEqual([{ id: 'a' }]);
    expect(await storage.latestEventSeq()).toBe(7);
    expect(typeof storage.watchEvents(() => undefined)).toBe('function');
    await storage.close();
    expect(await count(metrics, 'find', 'ok')).toBe(2);
    expect(await count(metrics, 'count', 'error')).toBe(1);
    expect(await count(metrics, 'latestEventSeq', 'ok')).toBe(1);
    expect(await count(metrics, 'watchEvents', 'ok')).toBe(1);
    expect(await count(metrics, 'close', 'ok')).toBe(0);
    expect(await count(metrics, 'transaction', 'ok')).toBe(0);
  });

  it('keeps one registry per App: two Apps never collide', async () => {
    const a = createMetrics();
    const b = createMetrics();
    a.httpRequests.inc({ method: 'GET', route: '/x', status: '200' });
    expect(await a.registry.metrics()).toContain('plinth_http_requests_total{method="GET",route="/x",status="200"} 1');
    expect(await b.registry.metrics()).not.toContain('route="/x"');
    expect(await a.registry.metrics()).toContain('plinth_process_cpu_seconds_total');
  });
});

import { describe, expect, it } from 'vitest';
import type { MetricsSummary } from '@plinth/sdk';
import { toPoint } from './metrics-queries.js';

const summary = (requests: number, clientErrors: number, serverErrors: number, jobs: MetricsSummary['jobs'] = {}): MetricsSummary => ({
  // Since-start percentiles differ from the recent ones: the chart must draw the recent window.
  http: {
    requests, clientErrors, serverErrors, inFlight: 0, avgDurationMs: 12.345, p50Ms: 90, p95Ms: 900, p99Ms: 990,
    recent: { windowSeconds: 60, requests: 20, p50Ms: 4.256, p95Ms: 48.2, p99Ms: null },
  },
  routes: [],
  db: { queries: 0, errors: 0, avgDurationMs: 0 },
  webhooks: {},
  jobs,
  outboxLagSeconds: 2,
  realtimeConnections: 0,
  process: {},
});

describe('metrics points', () => {
  it('derives request rate and error rate from two running totals', () => {
    const p = toPoint({ t: 0, s: summary(100, 1, 0) }, 2000, summary(120, 3, 2, { webhooks: { waiting: 2, delayed: 1, active: 1, completed: 9 } }));
    expect(p.requestsPerSec).toBe(10);
    expect(p.errorRate).toBe(20);
    expect(p.avgLatencyMs).toBe(12.35);
    expect([p.p50Ms, p.p95Ms, p.p99Ms]).toEqual([4.26, 48.2, null]);
    expect(p.outboxLag).toBe(2);
    expect(p.queueDepth).toBe(4);
  });
  it('never goes negative when the server restarted (totals reset)', () => {
    const p = toPoint({ t: 0, s: summary(500, 0, 0) }, 1000, summary(3, 0, 0));
    expect(p.requestsPerSec).toBe(0);
    expect(p.errorRate).toBe(0);
  });
});

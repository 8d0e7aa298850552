/**
 * The metrics summary, polled. The server gives running totals; the console keeps a short history in the query
 * cache's memory and derives rates between samples for the live charts.
 */
import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { MetricsSummary } from '@plinth/sdk';
import { useClient } from '../../app/client-context.js';

export interface MetricsPoint {
  t: number;
  label: string;
  requestsPerSec: number;
  errorRate: number;
  avgLatencyMs: number;
  /** Latency percentiles over about the last minute (the server estimates them from its histogram buckets). */
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  outboxLag: number;
  queueDepth: number;
}

export function useMetricsSummary(intervalMs = 3_000) {
  const client = useClient();
  return useQuery({
    queryKey: ['metrics', 'summary'],
    queryFn: ({ signal }) => client.metrics.summary({ signal }),
    refetchInterval: intervalMs,
  });
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const roundOrNull = (n: number | null | undefined) => (typeof n === 'number' ? round2(n) : null);

const queued = (jobs: MetricsSummary['jobs']) =>
  Object.values(jobs ?? {}).reduce((sum, counts) => sum + (counts.waiting ?? 0) + (counts.delayed ?? 0) + (counts.active ?? 0), 0);

/** One point per pair of consecutive samples; pure so that it can be tested. */
export function toPoint(prev: { t: number; s: MetricsSummary } | undefined, t: number, s: MetricsSummary): MetricsPoint {
  const dt = prev ? Math.max((t - prev.t) / 1000, 0.001) : 1;
  const dReq = prev ? Math.max(s.http.requests - prev.s.http.requests, 0) : 0;
  const dErr = prev ? Math.max(s.http.serverErrors - prev.s.http.serverErrors + s.http.clientErrors - prev.s.http.clientErrors, 0) : 0;
  return {
    t,
    label: new Date(t).toLocaleTimeString(),
    requestsPerSec: Math.round((dReq / dt) * 100) / 100,
    errorRate: dReq ? Math.round((dErr / dReq) * 1000) / 10 : 0,
    avgLatencyMs: round2(s.http.avgDurationMs),
    p50Ms: roundOrNull(s.http.recent.p50Ms),
    p95Ms: roundOrNull(s.http.recent.p95Ms),
    p99Ms: roundOrNull(s.http.recent.p99Ms),
    outboxLag: s.outboxLagSeconds ?? 0,
    queueDepth: queued(s.jobs),
  };
}

export function useMetricsHistory(summary: MetricsSummary | undefined, updatedAt: number, max = 60): MetricsPoint[] {
  const last = useRef<{ t: number; s: MetricsSummary }>(undefined);
  const [points, setPoints] = useState<MetricsPoint[]>([]);
  useEffect(() => {
    if (!summary || !updatedAt || last.current?.t === updatedAt) return;
    const prev = last.current;
    last.current = { t: updatedAt, s: summary };
    // A rate needs two samples: the first one only sets the baseline.
    if (!prev) return;
    const point = toPoint(prev, updatedAt, summary);
    setPoints((p) => [...p, point].slice(-max));
  }, [summary, updatedAt, max]);
  return points;
}

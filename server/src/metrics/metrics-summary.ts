/**
 * `GET /api/metrics/summary`: the same instruments as `/metrics`, folded into a small JSON document for the
 * console's charts (totals, averages and latency percentiles since the start, plus HTTP latency percentiles
 * over the last minute for the live chart; the Prometheus endpoint keeps the full label detail).
 */
import type { MetricObjectWithValues, MetricValue } from 'prom-client';
import { bucketsOf, histogramQuantile } from './histogram-quantile.js';
import type { RecentLatency } from './latency-window.js';
import type { Metrics } from './metrics.js';

/** Latency percentiles in ms estimated from the histogram buckets; null before the first observation. */
export interface LatencyPercentiles {
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

export interface MetricsSummary {
  http: { requests: number; clientErrors: number; serverErrors: number; inFlight: number; avgDurationMs: number; recent: RecentLatency } & LatencyPercentiles;
  routes: ({ method: string; route: string; requests: number; avgDurationMs: number } & LatencyPercentiles)[];
  db: { queries: number; errors: number; avgDurationMs: number };
  webhooks: Record<string, number> & { avgDurationMs: number };
  jobs: Record<string, Record<string, number>>;
  outboxLagSeconds: number | null;
  realtimeConnections: number;
  process: { residentMemoryBytes: number; heapUsedBytes: number; cpuSecondsTotal: number; startTimeSeconds: number; eventLoopLagSeconds: number };
}

type Values = MetricValue<string>[];

const sum = (values: Values, pred: (v: MetricValue<string>) => boolean = () => true) =>
  values.filter(pred).reduce((total, v) => total + v.value, 0);
const avgMs = (total: number, count: number) => (count > 0 ? Math.round((total / count) * 1000 * 100) / 100 : 0);

const toMs = (seconds: number | null) => (seconds === null ? null : Math.round(seconds * 1000 * 100) / 100);

function percentiles(values: Values, pred?: (labels: MetricValue<string>['labels']) => boolean): LatencyPercentiles {
  const buckets = bucketsOf(values, pred);
  return { p50Ms: toMs(histogramQuantile(0.5, buckets)), p95Ms: toMs(histogramQuantile(0.95, buckets)), p99Ms: toMs(histogramQuantile(0.99, buckets)) };
}

/** `_sum` and `_count` series of a histogram, matching the label predicate. */
function histogram(values: Values, pred: (labels: MetricValue<string>['labels']) => boolean = () => true) {
  const part = (suffix: string) => sum(values, (v) => (v as { metricName?: string }).metricName?.endsWith(suffix) === true && pred(v.labels));
  return { sum: part('_sum'), count: part('_count') };
}

export async function metricsSummary(metrics: Metrics): Promise<MetricsSummary> {
  const all = (await metrics.registry.getMetricsAsJSON()) as MetricObjectWithValues<MetricValue<string>>[];
  const get = (name: string): Values => all.find((m) => m.name === name)?.values ?? [];
  const one = (name: string): number => get(name)[0]?.value ?? 0;

  const requests = get('plinth_http_requests_total');
  const status = (v: MetricValue<string>) => Number(v.labels.status);
  const httpDuration = get('plinth_http_request_duration_seconds');
  const httpAll = histogram(httpDuration);

  const routes = new Map<string, { method: string; route: string; requests: number }>();
  for (const v of requests) {
    const key = `${v.labels.method} ${v.labels.route}`;
    const entry = routes.get(key) ?? { method: String(v.labels.method), route: String(v.labels.route), requests: 0 };
    entry.requests += v.value;
    routes.set(key, entry);
  }
  const topRoutes = [...routes.values()]
    .sort((a, b) => b.requests - a.requests)
    .slice(0, 20)
    .map((r) => {
      const sameRoute = (l: MetricValue<string>['labels']) => l.method === r.method && l.route === r.route;
      const h = histogram(httpDuration, sameRoute);
      return { ...r, avgDurationMs: avgMs(h.sum, h.count), ...percentiles(httpDuration, sameRoute) };
    });

  const db = histogram(get('plinth_db_query_duration_seconds'));
  const dbErrors = histogram(get('plinth_db_query_duration_seconds'), (l) => l.outcome === 'error');

  const webhooks: MetricsSummary['webhooks'] = { avgDurationMs: 0 };
  for (const v of get('plinth_webhook_deliveries_total')) webhooks[String(v.labels.result)] = v.value;
  const hook = histogram(get('plinth_webhook_delivery_duration_seconds'));
  webhooks.avgDurationMs = avgMs(hook.sum, hook.count);

  const jobs: MetricsSummary['jobs'] = {};
  for (const v of get('plinth_jobs')) (jobs[String(v.labels.queue)] ??= {})[String(v.labels.state)] = v.value;

  const lag = get('plinth_outbox_lag_seconds');
  return {
    http: {
      requests: sum(requests),
      clientErrors: sum(requests, (v) => status(v) >= 400 && status(v) < 500),
      serverErrors: sum(requests, (v) => status(v) >= 500),
      inFlight: one('plinth_http_requests_in_flight'),
      avgDurationMs: avgMs(httpAll.sum, httpAll.count),
      ...percentiles(httpDuration),
      recent: metrics.recentHttpLatency.observe(Date.now(), bucketsOf(httpDuration)),
    },
    routes: topRoutes,
    db: { queries: db.count, errors: dbErrors.count, avgDurationMs: avgMs(db.sum, db.count) },
    webhooks,
    jobs,
    outboxLagSeconds: lag.length ? lag[0].value : null,
    realtimeConnections: one('plinth_realtime_connections'),
    process: {
      residentMemoryBytes: one('plinth_process_resident_memory_bytes'),
      heapUsedBytes: one('plinth_nodejs_heap_size_used_bytes'),
      cpuSecondsTotal: one('plinth_process_cpu_seconds_total'),
      startTimeSeconds: one('plinth_process_start_time_seconds'),
      eventLoopLagSeconds: one('plinth_nodejs_eventloop_lag_seconds'),
    },
  };
}

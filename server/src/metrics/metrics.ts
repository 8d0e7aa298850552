/**
 * The App's metrics: one prom-client Registry per App (never the global default one, so several Apps in a
 * process don't collide) and the named instruments other modules record into. Values owned elsewhere (outbox
 * lag, queue depth) are read at scrape time through sources registered by their owners.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { LatencyWindow } from './latency-window.js';

/** Age in seconds of the oldest committed event not yet handed to every durable consumer (null: unknown). */
export type OutboxLagSource = () => Promise<number | null>;
/** Jobs per queue and state, e.g. from JobQueue.counts(). */
export type QueueCountsSource = () => Promise<{ name: string; counts: Record<string, number> }[]>;

export interface Metrics {
  readonly registry: Registry;
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly httpInFlight: Gauge;
  /** Per storage port operation; outcome "ok" or "error". */
  readonly dbQueryDuration: Histogram<'operation' | 'outcome'>;
  /** result: delivered, retrying, failed, disabled (410), refused (SSRF). */
  readonly webhookDeliveries: Counter<'result'>;
  readonly webhookLatency: Histogram<'result'>;
  /** Set by the realtime module as SSE clients connect and leave. */
  readonly realtimeConnections: Gauge;
  /** HTTP latency percentiles over the last minute, for the summary's live charts. */
  readonly recentHttpLatency: LatencyWindow;
  setOutboxLagSource(source: OutboxLagSource): void;
  setQueueCountsSource(source: QueueCountsSource): void;
}

const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const DB_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5];
const WEBHOOK_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export function createMetrics(opts: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'plinth_' });
  const registers = [registry];
  let outboxLag: OutboxLagSource | null = null;
  let queueCounts: QueueCountsSource | null = null;

  new Gauge({
    name: 'plinth_outbox_lag_seconds',
    help: 'Age of the oldest committed event not yet delivered to every durable consumer (0 when none is pending).',
    registers,
    async collect() {
      const lag = outboxLag ? await outboxLag().catch(() => null) : null;
      if (lag !== null) this.set(lag);
    },
  });

  new Gauge({
    name: 'plinth_jobs',
    help: 'Jobs per queue and state (waiting, delayed, active: the queue depth; completed, failed: the outcomes kept).',
    labelNames: ['queue', 'state'] as const,
    registers,
    async collect() {
      if (!queueCounts) return;
      const queues = await queueCounts().catch(() => null);
      if (!queues) return;
      this.reset();
      for (const { name, counts } of queues) {
        for (const [state, n] of Object.entries(counts)) this.set({ queue: name, state }, n);
      }
    },
  });

  return {
    registry,
    httpRequests: new Counter({
      name: 'plinth_http_requests_total',
      help: 'HTTP requests by route template, method and status.',
      labelNames: ['method', 'route', 'status'] as const,
      registers,
    }),
    httpDuration: new Histogram({
      name: 'plinth_http_request_duration_seconds',
      help: 'HTTP request duration by route template, method and status.',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: HTTP_BUCKETS,
      registers,
    }),
    httpInFlight: new Gauge({ name: 'plinth_http_requests_in_flight', help: 'HTTP requests being served.', registers }),
    dbQueryDuration: new Histogram({
      name: 'plinth_db_query_duration_seconds',
      help: 'Storage operation duration by operation and outcome.',
      labelNames: ['operation', 'outcome'] as const,
      buckets: DB_BUCKETS,
      registers,
    }),
    webhookDeliveries: new Counter({
      name: 'plinth_webhook_deliveries_total',
      help: 'Webhook delivery attempts by result.',
      labelNames: ['result'] as const,
      registers,
    }),
    webhookLatency: new Histogram({
      name: 'plinth_webhook_delivery_duration_seconds',
      help: 'Webhook delivery attempt duration by result.',
      labelNames: ['result'] as const,
      buckets: WEBHOOK_BUCKETS,
      registers,
    }),
    realtimeConnections: new Gauge({ name: 'plinth_realtime_connections', help: 'Open realtime (SSE) connections.', registers }),
    recentHttpLatency: new LatencyWindow(Date.now()),
    setOutboxLagSource: (source) => void (outboxLag = source),
    setQueueCountsSource: (source) => void (queueCounts = source),
  };
}

/** Settings, logs and the metrics summary (contract §9 and Plinth's additions). */
import { listQuery, type AdminListOptions } from './admin-collections.js';
import type { PlinthClientCore } from './client-core.js';
import type { RequestOptions } from './record-service.js';
import type { ListResult } from './schema-types.js';

type Send = <T>(path: string, opts?: RequestOptions & { method?: string; body?: unknown }) => Promise<T>;
const sender = (client: PlinthClientCore): Send => (path, opts = {}) => client.transport.send(path, opts);

/** Settings are a loose document: `meta`, `smtp`, `s3`, `batch`, `rateLimits`, `logs`, `webhooks`, … */
export type Settings = Record<string, any>;

export class SettingsService {
  private readonly send: Send;
  constructor(client: PlinthClientCore) {
    this.send = sender(client);
  }
  get(opts: RequestOptions = {}): Promise<Settings> {
    return this.send('/api/settings', opts);
  }
  /** Partial update; answers the full settings after save. */
  update(patch: Settings, opts: RequestOptions = {}): Promise<Settings> {
    return this.send('/api/settings', { ...opts, method: 'PATCH', body: patch });
  }
  async testS3(filesystem: 'storage' | 'backups' = 'storage', opts: RequestOptions = {}): Promise<void> {
    await this.send('/api/settings/test/s3', { ...opts, method: 'POST', body: { filesystem } });
  }
  async testEmail(email: string, template: string, collection = '_superusers', opts: RequestOptions = {}): Promise<void> {
    await this.send('/api/settings/test/email', { ...opts, method: 'POST', body: { email, template, collection } });
  }
}

export interface LogEntry {
  id: string;
  created: string;
  level: number;
  message: string;
  data: Record<string, unknown>;
}

export class LogService {
  private readonly send: Send;
  constructor(client: PlinthClientCore) {
    this.send = sender(client);
  }
  list(opts: AdminListOptions = {}): Promise<ListResult<LogEntry>> {
    return this.send('/api/logs', { signal: opts.signal, headers: opts.headers, query: listQuery(opts) });
  }
  getOne(id: string, opts: RequestOptions = {}): Promise<LogEntry> {
    return this.send(`/api/logs/${encodeURIComponent(id)}`, opts);
  }
  /** Hourly counts. */
  stats(opts: RequestOptions & { filter?: string | { toString(): string } } = {}): Promise<{ date: string; total: number }[]> {
    return this.send('/api/logs/stats', { signal: opts.signal, headers: opts.headers, query: { ...opts.query, filter: opts.filter && String(opts.filter) } });
  }
  async truncate(opts: RequestOptions = {}): Promise<void> {
    await this.send('/api/logs', { ...opts, method: 'DELETE' });
  }
}

/** HTTP latency percentiles in ms, estimated from the histogram buckets since the start; null before any request. */
export interface LatencyPercentiles {
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

/** HTTP latency percentiles over about the last minute (`windowSeconds`: the span actually covered). */
export interface RecentLatency extends LatencyPercentiles {
  windowSeconds: number;
  requests: number;
}

export interface MetricsSummary {
  http: { requests: number; clientErrors: number; serverErrors: number; inFlight: number; avgDurationMs: number; recent: RecentLatency } & LatencyPercentiles;
  routes: ({ method: string; route: string; requests: number; avgDurationMs: number } & LatencyPercentiles)[];
  db: { queries: number; errors: number; avgDurationMs: number };
  webhooks: Record<string, number>;
  jobs: Record<string, Record<string, number>>;
  outboxLagSeconds: number | null;
  realtimeConnections: number;
  process: Record<string, number>;
  [key: string]: unknown;
}

export class MetricsService {
  private readonly send: Send;
  constructor(client: PlinthClientCore) {
    this.send = sender(client);
  }
  /** Counters, averages and latency percentiles for the console (superuser or the metrics token). */
  summary(opts: RequestOptions = {}): Promise<MetricsSummary> {
    return this.send('/api/metrics/summary', opts);
  }
}

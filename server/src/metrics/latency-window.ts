/**
 * Latency percentiles over the last minute rather than since the start: the cumulative histogram buckets are
 * remembered at each summary request, and the percentiles are taken over the difference to the snapshot closest
 * to a minute ago. No timer runs: with nobody looking, nothing is stored, and the first look after a pause
 * reports the whole time since the previous one (`windowSeconds` says how long that was).
 */
import { histogramQuantile, type Bucket } from './histogram-quantile.js';

export interface RecentLatency {
  windowSeconds: number;
  requests: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

interface Snapshot {
  at: number;
  buckets: Bucket[];
}

const toMs = (seconds: number | null) => (seconds === null ? null : Math.round(seconds * 1000 * 100) / 100);

/** Cumulative counts of `now` minus those of `then`, bound by bound (bounds missing from `then` count as 0). */
export function bucketDelta(now: readonly Bucket[], then: readonly Bucket[]): Bucket[] {
  const before = new Map(then.map((b) => [b.le, b.count]));
  return now.map((b) => ({ le: b.le, count: Math.max(b.count - (before.get(b.le) ?? 0), 0) }));
}

export class LatencyWindow {
  private snapshots: Snapshot[] = [];

  constructor(
    private readonly startedAt: number,
    private readonly windowMs = 60_000,
  ) {}

  /** Percentiles of the observations since the snapshot nearest to `windowMs` ago; records `buckets` as a snapshot. */
  observe(now: number, buckets: Bucket[]): RecentLatency {
    const target = now - this.windowMs;
    // The newest snapshot at least a window old, else the oldest kept (a shorter window), else the start.
    const base = [...this.snapshots].reverse().find((s) => s.at <= target) ?? this.snapshots[0];
    const delta = base ? bucketDelta(buckets, base.buckets) : buckets;
    const since = base?.at ?? this.startedAt;
    this.snapshots.push({ at: now, buckets });
    // Keep only what a later call can still use as its base: everything newer than two windows ago, and one before.
    const keepFrom = this.snapshots.findIndex((s) => s.at > now - 2 * this.windowMs);
    if (keepFrom > 1) this.snapshots = this.snapshots.slice(keepFrom - 1);
    return {
      windowSeconds: Math.max(Math.round((now - since) / 1000), 0),
      requests: delta.at(-1)?.count ?? 0,
      p50Ms: toMs(histogramQuantile(0.5, delta)),
      p95Ms: toMs(histogramQuantile(0.95, delta)),
      p99Ms: toMs(histogramQuantile(0.99, delta)),
    };
  }
}

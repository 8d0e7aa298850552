/**
 * Quantiles estimated from a histogram's cumulative buckets, as PromQL's `histogram_quantile` does: find the
 * bucket the rank falls in and interpolate linearly inside it (observations are assumed evenly spread in a
 * bucket). The estimate is only as fine as the buckets: it never leaves the bucket that holds the rank.
 */
import type { MetricValue } from 'prom-client';

/** A cumulative bucket: `count` observations were <= `le` (the last one is `le: Infinity`). */
export interface Bucket {
  le: number;
  count: number;
}

/**
 * The q-quantile (0 <= q <= 1) of the observations, or null when there are none. A rank in the +Inf bucket
 * answers the largest finite bound (Prometheus does the same: nothing is known above it). The lowest bucket
 * starts at 0 when its bound is positive.
 */
export function histogramQuantile(q: number, buckets: readonly Bucket[]): number | null {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be between 0 and 1, got ${q}`);
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  const last = sorted.at(-1);
  if (!last || last.le !== Infinity || last.count <= 0) return null;
  if (sorted.length < 2) return null; // only +Inf: no finite bound to report
  const rank = q * last.count;
  const i = sorted.findIndex((b) => b.count >= rank);
  const bucket = sorted[i]!;
  if (bucket.le === Infinity) return sorted[sorted.length - 2]!.le;
  const lower = i === 0 ? (bucket.le > 0 ? 0 : bucket.le) : sorted[i - 1]!.le;
  const below = i === 0 ? 0 : sorted[i - 1]!.count;
  const inBucket = bucket.count - below;
  if (inBucket <= 0) return bucket.le;
  return lower + (bucket.le - lower) * ((rank - below) / inBucket);
}

/**
 * The `_bucket` series of a prom-client histogram (from `getMetricsAsJSON`), summed across the label sets the
 * predicate keeps: the cumulative buckets of their union.
 */
export function bucketsOf(values: readonly MetricValue<string>[], keep: (labels: MetricValue<string>['labels']) => boolean = () => true): Bucket[] {
  const byBound = new Map<number, number>();
  for (const v of values) {
    if (!(v as { metricName?: string }).metricName?.endsWith('_bucket') || !keep(v.labels)) continue;
    const le = v.labels.le === '+Inf' ? Infinity : Number(v.labels.le);
    byBound.set(le, (byBound.get(le) ?? 0) + v.value);
  }
  return [...byBound].map(([le, count]) => ({ le, count })).sort((a, b) => a.le - b.le);
}

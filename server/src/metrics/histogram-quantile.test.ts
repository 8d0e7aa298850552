import { Histogram, Registry, type MetricValue } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { bucketsOf, histogramQuantile, type Bucket } from './histogram-quantile.js';

const b = (pairs: [number, number][]): Bucket[] => pairs.map(([le, count]) => ({ le, count }));

describe('histogramQuantile', () => {
  // 100 observations: 10 <= 0.1, 60 more in (0.1, 0.5], 25 more in (0.5, 1], 5 above 1.
  const buckets = b([
    [0.1, 10],
    [0.5, 70],
    [1, 95],
    [Infinity, 100],
  ]);

  it('interpolates linearly inside the bucket that holds the rank', () => {
    // rank 50 is the 40th of 60 observations in (0.1, 0.5]
    expect(histogramQuantile(0.5, buckets)).toBeCloseTo(0.1 + 0.4 * (40 / 60), 10);
    // rank 90 is the 20th of 25 in (0.5, 1]
    expect(histogramQuantile(0.9, buckets)).toBeCloseTo(0.5 + 0.5 * (20 / 25), 10);
  });

  it('starts the lowest bucket at 0', () => {
    expect(histogramQuantile(0.05, buckets)).toBeCloseTo(0.05, 10);
    expect(histogramQuantile(0, buckets)).toBe(0);
  });

  it('answers the largest finite bound for a rank in the +Inf bucket', () => {
    expect(histogramQuantile(0.99, buckets)).toBe(1);
    expect(histogramQuantile(1, buckets)).toBe(1);
  });

  it('is exact at a bucket boundary and skips empty buckets', () => {
    expect(histogramQuantile(0.7, buckets)).toBeCloseTo(0.5, 10);
    const gaps = b([
      [0.1, 0],
      [0.25, 0],
      [0.5, 4],
      [Infinity, 4],
    ]);
    // every observation is in (0.25, 0.5]: the median is halfway through it
    expect(histogramQuantile(0.5, gaps)).toBeCloseTo(0.375, 10);
  });

  it('does not depend on the order the buckets come in', () => {
    expect(histogramQuantile(0.5, [...buckets].reverse())).toBe(histogramQuantile(0.5, buckets));
  });

  it('is null without observations or without a +Inf bucket', () => {
    expect(histogramQuantile(0.5, [])).toBeNull();
    expect(histogramQuantile(0.5, b([[0.1, 0], [Infinity, 0]]))).toBeNull();
    expect(histogramQuantile(0.5, b([[0.1, 3], [1, 5]]))).toBeNull();
    expect(histogramQuantile(0.5, b([[Infinity, 5]]))).toBeNull();
  });

  it('refuses a quantile outside [0, 1]', () => {
    expect(() => histogramQuantile(1.5, buckets)).toThrow(RangeError);
    expect(() => histogramQuantile(Number.NaN, buckets)).toThrow(RangeError);
  });
});

describe('bucketsOf', () => {
  it('sums the buckets of the label sets kept, from a real prom-client histogram', async () => {
    const registry = new Registry();
    const h = new Histogram({ name: 'd', help: 'd', labelNames: ['route'], buckets: [0.1, 1], registers: [registry] });
    h.observe({ route: '/a' }, 0.05);
    h.observe({ route: '/a' }, 0.5);
    h.observe({ route: '/b' }, 0.07);
    h.observe({ route: '/b' }, 3);
    const [metric] = await registry.getMetricsAsJSON();
    const values = metric!.values as MetricValue<string>[];
    expect(bucketsOf(values)).toEqual(b([[0.1, 2], [1, 3], [Infinity, 4]]));
    expect(bucketsOf(values, (l) => l.route === '/a')).toEqual(b([[0.1, 1], [1, 2], [Infinity, 2]]));
    // the median of /a is the top of its first bucket: rank 1 of 2 is the last of (0, 0.1]
    expect(histogramQuantile(0.5, bucketsOf(values, (l) => l.route === '/a'))).toBeCloseTo(0.1, 10);
  });
});

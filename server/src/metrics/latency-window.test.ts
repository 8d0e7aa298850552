import { describe, expect, it } from 'vitest';
import { bucketDelta, LatencyWindow } from './latency-window.js';

const cumulative = (counts: number[]) => [0.01, 0.1, 1, Infinity].map((le, i) => ({ le, count: counts[i]! }));

describe('LatencyWindow', () => {
  it('subtracts cumulative buckets bound by bound', () => {
    expect(bucketDelta(cumulative([5, 8, 9, 10]), cumulative([1, 2, 2, 2]))).toEqual(cumulative([4, 6, 7, 8]));
    expect(bucketDelta(cumulative([5, 8, 9, 10]), [])).toEqual(cumulative([5, 8, 9, 10]));
  });

  it('reports the time since the start on the first look', () => {
    const window = new LatencyWindow(0);
    const recent = window.observe(30_000, cumulative([10, 10, 10, 10]));
    expect(recent).toMatchObject({ windowSeconds: 30, requests: 10 });
    expect(recent.p50Ms).toBeGreaterThan(0);
    expect(recent.p50Ms).toBeLessThanOrEqual(10);
  });

  it('forgets slow requests older than the window', () => {
    const window = new LatencyWindow(0);
    // The first minute: 100 slow requests (0.1 s to 1 s).
    window.observe(60_000, cumulative([0, 0, 100, 100]));
    // The next minute, polled every 10 s: only fast requests (under 10 ms).
    let recent = window.observe(70_000, cumulative([10, 10, 110, 110]));
    for (let t = 80_000, fast = 20; t <= 120_000; t += 10_000, fast += 10) {
      recent = window.observe(t, cumulative([fast, fast, 100 + fast, 100 + fast]));
    }
    expect(recent.windowSeconds).toBe(60);
    expect(recent.requests).toBe(60);
    expect(recent.p99Ms).toBeLessThanOrEqual(10);
  });

  it('answers null percentiles when nothing happened in the window', () => {
    const window = new LatencyWindow(0);
    window.observe(60_000, cumulative([1, 1, 1, 1]));
    expect(window.observe(130_000, cumulative([1, 1, 1, 1]))).toMatchObject({ requests: 0, p50Ms: null, p99Ms: null });
  });

  it('keeps a bounded number of snapshots however often it is asked', () => {
    const window = new LatencyWindow(0);
    for (let t = 0; t < 3_600_000; t += 1_000) window.observe(t, cumulative([t, t, t, t]));
    expect((window as unknown as { snapshots: unknown[] }).snapshots.length).toBeLessThanOrEqual(122);
  });
});

import { describe, expect, it } from 'vitest';
import type { StoredOutboxEvent } from '../storage/port.js';
import { OutboxGaps } from './outbox-gaps.js';

const rows = (...seqs: number[]): StoredOutboxEvent[] =>
  seqs.map((seq) => ({ seq, id: `e${seq}`, type: 'record.created', data: {}, occurredAt: '2024-01-01T00:00:00.000Z' }));
const seqs = (events: StoredOutboxEvent[]) => events.map((e) => e.seq);

describe('OutboxGaps', () => {
  it('passes a contiguous run through', () => {
    const gaps = new OutboxGaps(1_000);
    expect(seqs(gaps.settle(3, rows(4, 5, 6), 0).events)).toEqual([4, 5, 6]);
  });

  it('stops before a hole until the missing seq shows up', () => {
    const gaps = new OutboxGaps(1_000);
    const first = gaps.settle(3, rows(4, 6, 7), 100);
    expect(seqs(first.events)).toEqual([4]);
    expect(first.retryAt).toBe(1_100);
    // Later, 5 committed: everything flows.
    expect(seqs(gaps.settle(4, rows(5, 6, 7), 200).events)).toEqual([5, 6, 7]);
  });

  it('holds a hole at the front back, then steps over it after the timeout', () => {
    const gaps = new OutboxGaps(1_000);
    expect(gaps.settle(0, rows(2, 3), 0)).toEqual({ events: [], retryAt: 1_000 });
    expect(gaps.settle(0, rows(2, 3), 999).events).toEqual([]);
    expect(seqs(gaps.settle(0, rows(2, 3), 1_000).events)).toEqual([2, 3]);
  });

  it('times each hole from when it was first seen, shared by all readers', () => {
    const gaps = new OutboxGaps(1_000);
    gaps.settle(0, rows(2), 0);
    expect(seqs(gaps.settle(1, rows(2), 500).events)).toEqual([2]);
    expect(gaps.settle(0, rows(2), 500).events).toEqual([]);
    gaps.forgetBelow(2);
    expect(gaps.settle(0, rows(2), 1_500)).toEqual({ events: [], retryAt: 2_500 });
  });
});

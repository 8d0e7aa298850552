/**
 * Deciding how far a reader may safely go in the outbox. A seq is assigned when the event row is inserted,
 * just before its transaction commits, so with concurrent writers seq 9 can become visible after seq 10.
 * Moving a cursor past 10 while 9 is still in flight would lose 9 for good. A missing seq therefore holds
 * readers back until it shows up, or until the row after it has been seen for `timeoutMs` (then the hole is
 * taken to be a rolled-back commit or sequence values PostgreSQL skipped after a crash, and is stepped over).
 * See events/README.md for why this beats a fixed visibility delay here.
 */
import type { StoredOutboxEvent } from '../storage/port.js';

export interface SettledEvents {
  /** The contiguous (or timed-out) prefix that is safe to deliver, in seq order. */
  events: StoredOutboxEvent[];
  /** When a hole stopped the prefix: the time at which it will be stepped over. */
  retryAt?: number;
}

export class OutboxGaps {
  /** seq of the first row seen after a hole -> when that hole was first seen (shared by all consumers). */
  private readonly firstSeen = new Map<number, number>();

  constructor(private readonly timeoutMs: number) {}

  settle(cursor: number, rows: StoredOutboxEvent[], now: number): SettledEvents {
    let expected = cursor + 1;
    const events: StoredOutboxEvent[] = [];
    for (const row of rows) {
      if (row.seq > expected) {
        let since = this.firstSeen.get(row.seq);
        if (since === undefined) {
          since = now;
          this.firstSeen.set(row.seq, now);
        }
        if (now - since < this.timeoutMs) return { events, retryAt: since + this.timeoutMs };
      }
      events.push(row);
      expected = row.seq + 1;
    }
    return { events };
  }

  /** Forgets holes every reader has passed. */
  forgetBelow(seq: number): void {
    for (const key of this.firstSeen.keys()) if (key <= seq) this.firstSeen.delete(key);
  }
}

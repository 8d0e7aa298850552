/**
 * One subscribed consumer: reads the outbox from its own cursor and hands events to its handler one at a
 * time, in seq order. Durable consumers keep the cursor in storage (written after the handler succeeded,
 * so a crash redelivers rather than skips) and retry a failing event with capped exponential backoff; live
 * consumers start at the tail and move on after a failure.
 */
import type { Logger } from '../core/logger.js';
import type { StorageAdapter } from '../storage/port.js';
import { toCommittedEvent } from './domain-event.js';
import type { EventConsumerOptions, EventHandler } from './event-bus.js';
import type { OutboxGaps } from './outbox-gaps.js';

export interface ConsumerEnv {
  storage: StorageAdapter;
  logger: Logger;
  gaps: OutboxGaps;
  batchSize: number;
  retryMinMs: number;
  retryMaxMs: number;
  /** The tail of the outbox as the dispatcher last saw it (where new live consumers start). */
  tail(): Promise<number>;
}

export const cursorKey = (name: string): string => `events.cursor.${name}`;

export class EventConsumer {
  cursor: number | null = null;
  private failures = 0;
  private retryAt = 0;
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    readonly name: string,
    private readonly handler: EventHandler,
    readonly options: EventConsumerOptions,
    private readonly env: ConsumerEnv,
  ) {}

  get durable(): boolean {
    return this.options.mode === 'durable';
  }

  /** Runs the loop now, or once more right after the current run. */
  wake(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
  }

  /** Loads (or, for a new consumer, establishes) the cursor. */
  async init(): Promise<void> {
    if (this.cursor === null) this.cursor = await this.initialCursor();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.step();
      } catch (err) {
        // Storage unavailable and the like: try again on the next wake-up or poll.
        this.env.logger.warn('event consumer could not read the outbox', { consumer: this.name, error: errorText(err) });
        return;
      }
    } while (this.again && !this.closed);
  }

  private async step(): Promise<void> {
    await this.init();
    if (this.cursor === null) return;
    const now = Date.now();
    if (now < this.retryAt) return this.wakeAt(this.retryAt);

    const rows = await this.env.storage.readEvents(this.cursor, this.env.batchSize);
    const settled = this.env.gaps.settle(this.cursor, rows, now);
    const start = this.cursor;
    for (const stored of settled.events) {
      if (this.closed) break;
      try {
        await this.handler(toCommittedEvent(stored));
        this.cursor = stored.seq;
        this.failures = 0;
      } catch (err) {
        this.failures++;
        this.env.logger.warn('event consumer failed', {
          consumer: this.name,
          eventId: stored.id,
          seq: stored.seq,
          failures: this.failures,
          error: errorText(err),
        });
        if (!this.durable) {
          this.cursor = stored.seq;
          continue;
        }
        const backoff = Math.min(this.env.retryMaxMs, this.env.retryMinMs * 2 ** (this.failures - 1));
        this.retryAt = Date.now() + backoff;
        this.wakeAt(this.retryAt);
        break;
      }
    }
    if (this.durable && this.cursor !== start) await this.env.storage.setValue(cursorKey(this.name), this.cursor);
    if (settled.retryAt !== undefined) this.wakeAt(settled.retryAt);
    else if (rows.length === this.env.batchSize && this.cursor !== start && this.retryAt <= Date.now()) this.again = true;
  }

  /** Durable: the stored cursor, or the tail for a consumer never seen before (stored at once). Live: the tail. */
  private async initialCursor(): Promise<number> {
    if (!this.durable) return this.env.tail();
    const stored = await this.env.storage.getValue(cursorKey(this.name));
    if (typeof stored === 'number') return stored;
    const tail = await this.env.tail();
    await this.env.storage.setValue(cursorKey(this.name), tail);
    return tail;
  }

  private wakeAt(at: number): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.wake();
    }, Math.max(0, at - Date.now()));
    this.timer.unref();
  }
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * One subscribed consumer: reads the outbox from its own cursor and hands events to its handler one at a
 * time, in seq order. Durable consumers keep the cursor in storage (written after the handler succeeded,
 * so a crash redelivers rather than skips) and retry a failing event with capped exponential backoff; live
 * consumers start at the tail and move on after a failure.
 */
import type { Logger } from '../core/logger.js';
import type { StorageAdapter, StoredOutboxEvent } from '../storage/port.js';
import { toCommittedEvent } from './domain-event.js';
import type { EventBatchHandler, EventConsumerOptions, EventHandler } from './event-bus.js';
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
  /** storage.readEvents, shared by consumers asking for the same page at the same time (dispatcher.ts). */
  read(afterSeq: number, limit: number): Promise<StoredOutboxEvent[]>;
}

/** One event at a time (progress kept per event), or each read's events at once (acknowledged together). */
export type ConsumerHandler = { each: EventHandler; batch?: never } | { batch: EventBatchHandler; each?: never };

export const cursorKey = (name: string): string => `events.cursor.${name}`;

/**
 * A durable cursor is stored at most this often while events keep coming (and at close): under a stream of
 * writes each durable consumer costs the database a few upserts a second, not one per wake-up. A crash
 * redelivers at most this much more than it would otherwise: handlers are at-least-once anyway.
 */
const CURSOR_SAVE_MS = 200;

export class EventConsumer {
  cursor: number | null = null;
  private failures = 0;
  private retryAt = 0;
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  /** The cursor as last stored (durable), the pending save and the write in progress. */
  private storedCursor: number | null = null;
  private saveTimer: NodeJS.Timeout | null = null;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    readonly name: string,
    private readonly handler: ConsumerHandler,
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
    if (this.saveTimer) clearTimeout(this.saveTimer);
    await this.saveCursor();
  }

  private scheduleSave(): void {
    if (this.saveTimer || this.closed) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      void this.saveCursor();
    }, CURSOR_SAVE_MS);
    this.saveTimer.unref();
  }

  /** One write at a time, so a slower earlier write can never overwrite a later cursor. */
  private saveCursor(): Promise<void> {
    this.saving = this.saving.then(async () => {
      const cursor = this.cursor;
      if (!this.durable || cursor === null || cursor === this.storedCursor) return;
      try {
        await this.env.storage.setValue(cursorKey(this.name), cursor);
        this.storedCursor = cursor;
      } catch (err) {
        this.env.logger.warn('event consumer could not store its cursor', { consumer: this.name, error: errorText(err) });
        this.scheduleSave();
      }
    });
    return this.saving;
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

    const rows = await this.env.read(this.cursor, this.env.batchSize);
    const settled = this.env.gaps.settle(this.cursor, rows, now);
    const start = this.cursor;
    // A batch handler sees the read's events as one unit; a per-event handler one unit per event.
    const { batch, each } = this.handler;
    const units = batch ? (settled.events.length ? [settled.events] : []) : settled.events.map((e) => [e]);
    for (const unit of units) {
      if (this.closed) break;
      const last = unit[unit.length - 1];
      try {
        if (batch) await batch(unit.map(toCommittedEvent));
        else await each(toCommittedEvent(last));
        this.cursor = last.seq;
        this.failures = 0;
      } catch (err) {
        this.failures++;
        this.env.logger.warn('event consumer failed', {
          consumer: this.name,
          eventId: unit.length === 1 ? last.id : undefined,
          seq: unit.length === 1 ? last.seq : `${unit[0].seq}-${last.seq}`,
          failures: this.failures,
          error: errorText(err),
        });
        if (!this.durable) {
          this.cursor = last.seq;
          continue;
        }
        const backoff = Math.min(this.env.retryMaxMs, this.env.retryMinMs * 2 ** (this.failures - 1));
        this.retryAt = Date.now() + backoff;
        this.wakeAt(this.retryAt);
        break;
      }
    }
    if (this.durable && this.cursor !== start) this.scheduleSave();
    if (settled.retryAt !== undefined) this.wakeAt(settled.retryAt);
    else if (rows.length === this.env.batchSize && this.cursor !== start && this.retryAt <= Date.now()) this.again = true;
  }

  /** Durable: the stored cursor, or the tail for a consumer never seen before (stored at once). Live: the tail. */
  private async initialCursor(): Promise<number> {
    if (!this.durable) return this.env.tail();
    const stored = await this.env.storage.getValue(cursorKey(this.name));
    if (typeof stored === 'number') return (this.storedCursor = stored);
    const tail = await this.env.tail();
    await this.env.storage.setValue(cursorKey(this.name), tail);
    return (this.storedCursor = tail);
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

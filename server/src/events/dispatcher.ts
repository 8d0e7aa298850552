/**
 * The EventBus over the storage outbox. Consumers are woken by local commits and, on PostgreSQL, by other
 * instances' commits (StorageAdapter.watchEvents), by notifyCommitted(), and by a poll as the safety net.
 * Also trims the outbox: events every durable consumer has passed and older than the retention go away.
 * See events/README.md for the delivery guarantees and the handling of seq gaps.
 */
import type { Logger } from '../core/logger.js';
import type { StorageAdapter, StoredOutboxEvent } from '../storage/port.js';
import type { EventBatchHandler, EventBus, EventConsumerOptions, EventHandler } from './event-bus.js';
import { type ConsumerEnv, type ConsumerHandler, EventConsumer, errorText } from './event-consumer.js';
import { OutboxGaps } from './outbox-gaps.js';

export interface DispatcherOptions {
  /** Safety-net poll for missed wake-ups (default 1 s). */
  pollIntervalMs?: number;
  /** Events read per round trip (default 200). */
  batchSize?: number;
  /** How long a hole in the seq order may hold readers back (default 10 s, see outbox-gaps.ts). */
  gapTimeoutMs?: number;
  /** Durable consumer retry backoff (defaults 500 ms doubling up to 60 s). */
  retryMinMs?: number;
  retryMaxMs?: number;
  /** Keep delivered events at least this long (default 1 day), trimming every `pruneIntervalMs` (10 min). */
  retentionMs?: number;
  pruneIntervalMs?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export class OutboxDispatcher implements EventBus {
  private readonly consumers = new Map<string, EventConsumer>();
  /** Outbox reads in flight, by page (sharedRead). */
  private readonly reads = new Map<string, Promise<StoredOutboxEvent[]>>();
  private readonly env: ConsumerEnv;
  private readonly gaps: OutboxGaps;
  private readonly options: Required<DispatcherOptions>;
  private lastTail = 0;
  private started = false;
  private closed = false;
  private pollTimer: NodeJS.Timeout | null = null;
  private pruneTimer: NodeJS.Timeout | null = null;
  private unwatch: (() => void) | null = null;

  constructor(
    private readonly storage: StorageAdapter,
    private readonly logger: Logger,
    options: DispatcherOptions = {},
  ) {
    this.options = {
      pollIntervalMs: options.pollIntervalMs ?? 1_000,
      batchSize: options.batchSize ?? 200,
      gapTimeoutMs: options.gapTimeoutMs ?? 10_000,
      retryMinMs: options.retryMinMs ?? 500,
      retryMaxMs: options.retryMaxMs ?? 60_000,
      retentionMs: options.retentionMs ?? DAY_MS,
      pruneIntervalMs: options.pruneIntervalMs ?? 10 * 60 * 1000,
    };
    this.gaps = new OutboxGaps(this.options.gapTimeoutMs);
    this.env = {
      storage,
      logger,
      gaps: this.gaps,
      batchSize: this.options.batchSize,
      retryMinMs: this.options.retryMinMs,
      retryMaxMs: this.options.retryMaxMs,
      tail: async () => {
        this.lastTail = Math.max(this.lastTail, await storage.latestEventSeq());
        return this.lastTail;
      },
      read: (afterSeq, limit) => this.sharedRead(afterSeq, limit),
    };
  }

  subscribe(name: string, handler: EventHandler, options: EventConsumerOptions): () => void {
    return this.add(name, { each: handler }, options);
  }

  subscribeBatch(name: string, handler: EventBatchHandler, options: EventConsumerOptions): () => void {
    return this.add(name, { batch: handler }, options);
  }

  private add(name: string, handler: ConsumerHandler, options: EventConsumerOptions): () => void {
    if (this.consumers.has(name)) throw new Error(`event consumer "${name}" is already subscribed`);
    const consumer = new EventConsumer(name, handler, options, this.env);
    // A live consumer joining a running bus starts at the tail known now, synchronously: reading it later
    // from storage would silently skip whatever commits in between.
    if (this.started && options.mode === 'live') consumer.cursor = this.lastTail;
    this.consumers.set(name, consumer);
    if (this.started) consumer.wake();
    return () => {
      if (this.consumers.get(name) !== consumer) return;
      this.consumers.delete(name);
      void consumer.close();
    };
  }

  /**
   * One commit wakes every caught-up consumer at once, at the same cursor: they share one read of the outbox
   * instead of one each. Each consumer gets its own copy of what was read, so a handler that changes an
   * event's data cannot change another's.
   */
  private sharedRead(afterSeq: number, limit: number): Promise<StoredOutboxEvent[]> {
    const key = `${afterSeq}:${limit}`;
    let reading = this.reads.get(key);
    if (!reading) {
      reading = this.storage.readEvents(afterSeq, limit).finally(() => this.reads.delete(key));
      this.reads.set(key, reading);
    }
    return reading.then((rows) => structuredClone(rows));
  }

  notifyCommitted(): void {
    for (const consumer of this.consumers.values()) consumer.wake();
  }

  async start(): Promise<void> {
    if (this.started || this.closed) return;
    this.started = true;
    await this.env.tail();
    // Consumers subscribed during boot get their starting point before any request can write.
    await Promise.all([...this.consumers.values()].map((c) => c.init()));
    this.unwatch = this.storage.watchEvents(() => this.notifyCommitted());
    this.pollTimer = setInterval(() => {
      // Keeps the tail fresh for live consumers that subscribe later.
      this.env.tail().catch(() => undefined);
      this.notifyCommitted();
    }, this.options.pollIntervalMs);
    this.pollTimer.unref();
    this.pruneTimer = setInterval(() => void this.prune(), this.options.pruneIntervalMs);
    this.pruneTimer.unref();
    this.notifyCommitted();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unwatch?.();
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    await Promise.all([...this.consumers.values()].map((c) => c.close()));
  }

  /** Deletes events older than the retention that every durable consumer here has passed; returns how many. */
  async prune(now: Date = new Date()): Promise<number> {
    try {
      const durable = [...this.consumers.values()].filter((c) => c.durable);
      if (durable.some((c) => c.cursor === null)) return 0;
      const upTo = durable.length ? Math.min(...durable.map((c) => c.cursor as number)) : await this.storage.latestEventSeq();
      this.gaps.forgetBelow(Math.min(upTo, ...[...this.consumers.values()].map((c) => c.cursor ?? 0)));
      return await this.storage.pruneEvents(upTo, new Date(now.getTime() - this.options.retentionMs).toISOString());
    } catch (err) {
      this.logger.warn('outbox prune failed', { error: errorText(err) });
      return 0;
    }
  }
}

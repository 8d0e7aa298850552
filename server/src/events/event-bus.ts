/**
 * How consumers receive committed events. Implemented by events/dispatcher.ts over the storage outbox.
 */
import type { CommittedEvent } from './domain-event.js';

export type EventHandler = (event: CommittedEvent) => Promise<void>;
/**
 * Takes every event of one outbox read at once (in seq order), for consumers that write once per batch. The
 * batch is acknowledged as a whole: when the handler throws, a durable consumer retries the whole batch.
 */
export type EventBatchHandler = (events: CommittedEvent[]) => Promise<void>;

export interface EventConsumerOptions {
  /**
   * 'durable': the consumer's cursor is persisted; after a crash or restart delivery resumes after the last
   * event it acknowledged (at-least-once; the handler must be idempotent on event.id). Across instances every
   * instance runs the consumer, so a durable handler should do instance-safe work (e.g. enqueue a job with
   * dedupId = event.id).
   * 'live': every instance gets every event committed after it subscribed (realtime fan-out), no persistence.
   */
  mode: 'durable' | 'live';
}

export interface EventBus {
  /** Registers a consumer; `name` is the stable cursor key for durable consumers. */
  subscribe(name: string, handler: EventHandler, options: EventConsumerOptions): () => void;
  subscribeBatch(name: string, handler: EventBatchHandler, options: EventConsumerOptions): () => void;
  /** Wakes the dispatcher after a local commit (lower latency than waiting for the next poll). */
  notifyCommitted(): void;
  start(): Promise<void>;
  close(): Promise<void>;
}

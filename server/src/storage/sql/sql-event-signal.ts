/**
 * "Events were committed" hints for the dispatcher (StorageAdapter.watchEvents). Local commits call the
 * listeners directly. On PostgreSQL, after local commits, one debounced NOTIFY goes out through the pool
 * (outside the write transactions, so the hot path stays one INSERT and commits never contend on PostgreSQL's
 * notify queue lock), and a dedicated connection LISTENs while anyone watches; other instances wake within
 * milliseconds. Everything here
 * is best effort: the dispatcher polls anyway, so a lost hint only costs latency.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from '../../core/logger.js';
import { PgListener } from './pg-listener.js';

export const EVENTS_CHANNEL = 'plinth_events';

const NOTIFY_DEBOUNCE_MS = 10;

export class EventSignal {
  private readonly listeners = new Set<() => void>();
  private readonly listener: PgListener | null;
  private notifyTimer: NodeJS.Timeout | null = null;
  private closed = false;
  /** The payload of this process's NOTIFYs: its own echoes are ignored (its commits already woke it directly). */
  private readonly origin = randomBytes(8).toString('hex');

  /**
   * `url`: a PostgreSQL server to LISTEN on, and `publish` sends the NOTIFY; both absent for a single-process
   * database (PGlite).
   */
  constructor(
    url: string | null,
    private readonly logger: Logger,
    private readonly publish: ((payload: string) => Promise<unknown>) | null = null,
  ) {
    this.listener = url
      ? new PgListener(url, EVENTS_CHANNEL, logger, {
          // Our own NOTIFYs come back too: skipped, or every local commit would wake every consumer twice.
          onMessage: (payload) => {
            if (payload !== this.origin) this.fire();
          },
          // Anything committed elsewhere while we were not listening.
          onListening: () => this.fire(),
          wanted: () => this.listeners.size > 0,
          unavailableMessage: 'event channel unavailable, relying on polling',
        })
      : null;
  }

  watch(listener: () => void): () => void {
    this.listeners.add(listener);
    this.listener?.start();
    return () => this.listeners.delete(listener);
  }

  /** After a local commit that appended events. */
  committed(): void {
    this.fire();
    const publish = this.publish;
    if (!publish || this.notifyTimer || this.closed) return;
    this.notifyTimer = setTimeout(() => {
      this.notifyTimer = null;
      publish(this.origin).catch(() => undefined);
    }, NOTIFY_DEBOUNCE_MS);
    this.notifyTimer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    if (this.notifyTimer) clearTimeout(this.notifyTimer);
    await this.listener?.close();
  }

  private fire(): void {
    for (const listener of this.listeners) {
      try {
        listener();
      } catch (err) {
        this.logger.error('event listener failed', { error: err instanceof Error ? err.message : String(err) });
      }
    }
  }
}

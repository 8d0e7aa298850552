/**
 * "Events were committed" hints for the dispatcher (StorageAdapter.watchEvents). Local commits call the
 * listeners directly. On PostgreSQL a dedicated connection LISTENs while anyone watches, and after local commits
 * one debounced NOTIFY goes out through the pool (outside the write transactions, so the hot path stays one
 * statement and commits never contend on PostgreSQL's notify queue lock); other instances wake within
 * milliseconds. Everything here is best effort: the dispatcher polls anyway, so a lost hint only costs latency.
 *
 * The NOTIFY is only worth its round trip (and the wake-ups of every listener, this process's own included)
 * when another instance listens. Instances therefore announce themselves on the channel (peer-presence.ts); one
 * that knows of no peer sends no hints, and one not yet listening, which cannot know, always sends them.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from '../../core/logger.js';
import { PgListener } from './pg-listener.js';
import { PeerPresence, type PeerMessage } from './peer-presence.js';

export const EVENTS_CHANNEL = 'plinth_events';

const NOTIFY_DEBOUNCE_MS = 10;

export class EventSignal {
  private readonly listeners = new Set<() => void>();
  private readonly listener: PgListener | null;
  private readonly peers: PeerPresence;
  private notifyTimer: NodeJS.Timeout | null = null;
  private closed = false;
  /** Names this process in its NOTIFYs: its own echoes are ignored (its commits already woke it directly). */
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
    this.peers = new PeerPresence(this.origin, (payload) => this.send(payload));
    this.listener = url
      ? new PgListener(url, EVENTS_CHANNEL, logger, {
          onMessage: (payload) => this.received(this.peers.receive(payload)),
          // Anything committed elsewhere while we were not listening; and whoever listens learns of us.
          onListening: () => {
            this.peers.announce();
            this.fire();
          },
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
    if (!this.publish || this.notifyTimer || this.closed) return;
    // Without a LISTEN of our own we cannot hear the others announce themselves: hint, to be safe.
    if (this.listener?.listening && !this.peers.any()) return;
    this.notifyTimer = setTimeout(() => {
      this.notifyTimer = null;
      this.send(this.peers.hint());
    }, NOTIFY_DEBOUNCE_MS);
    this.notifyTimer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    if (this.notifyTimer) clearTimeout(this.notifyTimer);
    this.peers.close();
    await this.listener?.close();
  }

  private received(message: PeerMessage | null): void {
    // Our own messages come back too: skipped, or every local commit would wake every consumer twice.
    if (message?.kind === 'hint') this.fire();
  }

  private send(payload: string): void {
    if (!this.publish || this.closed) return;
    this.publish(payload).catch(() => undefined);
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

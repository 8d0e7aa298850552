/**
 * "Events were committed" hints for the dispatcher (StorageAdapter.watchEvents). Local commits call the
 * listeners directly. On PostgreSQL, after local commits, one debounced NOTIFY goes out through the pool
 * (outside the write transactions, so the hot path stays one INSERT and commits never contend on PostgreSQL's
 * notify queue lock), and a dedicated connection LISTENs while anyone watches; other instances wake within
 * milliseconds. Everything here
 * is best effort: the dispatcher polls anyway, so a lost hint only costs latency.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Logger } from '../../core/logger.js';

export const EVENTS_CHANNEL = 'plinth_events';

const NOTIFY_DEBOUNCE_MS = 10;
const RECONNECT_MS = 1_000;

export class EventSignal {
  private readonly listeners = new Set<() => void>();
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private notifyTimer: NodeJS.Timeout | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private closed = false;
  /** The payload of this process's NOTIFYs: its own echoes are ignored (its commits already woke it directly). */
  private readonly origin = randomBytes(8).toString('hex');

  /**
   * `url`: a PostgreSQL server to LISTEN on, and `publish` sends the NOTIFY; both absent for a single-process
   * database (PGlite).
   */
  constructor(
    private readonly url: string | null,
    private readonly logger: Logger,
    private readonly publish: ((payload: string) => Promise<unknown>) | null = null,
  ) {}

  watch(listener: () => void): () => void {
    this.listeners.add(listener);
    this.connect();
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
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    await this.connecting?.catch(() => undefined);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
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

  private connect(): void {
    if (!this.url || this.closed || this.client || this.connecting) return;
    const client = new pg.Client({ connectionString: this.url });
    this.connecting = (async () => {
      try {
        await client.connect();
        // Our own NOTIFYs come back too: skipped, or every local commit would wake every consumer twice.
        client.on('notification', (msg) => {
          if (msg.payload !== this.origin) this.fire();
        });
        client.on('error', () => this.dropAndRetry(client));
        client.on('end', () => this.dropAndRetry(client));
        await client.query(`LISTEN ${EVENTS_CHANNEL}`);
        if (this.closed) await client.end();
        else {
          this.client = client;
          // Anything committed elsewhere while we were not listening.
          this.fire();
        }
      } catch (err) {
        this.logger.warn('event channel unavailable, relying on polling', { error: err instanceof Error ? err.message : String(err) });
        client.end().catch(() => undefined);
        this.scheduleReconnect();
      } finally {
        this.connecting = null;
      }
    })();
  }

  private dropAndRetry(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer || this.listeners.size === 0) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, RECONNECT_MS);
    this.reconnectTimer.unref();
  }
}

/**
 * One dedicated PostgreSQL connection LISTENing on one channel, for the NOTIFY-based hints and messages of
 * this adapter (sql-event-signal.ts, sql-message-bus.ts). A pooled connection cannot LISTEN: the pool hands
 * it to queries and would drop the subscription. Lost connections are retried every second while `wanted()`.
 */
import pg from 'pg';
import type { Logger } from '../../core/logger.js';

const RECONNECT_MS = 1_000;

export interface PgListenerHandlers {
  onMessage(payload: string): void;
  /** After every (re)connect: whatever was published meanwhile was missed. */
  onListening(): void;
  /** Whether anyone still needs the connection (a reconnect is skipped otherwise). */
  wanted(): boolean;
  /** Logged (warn) when connecting fails. */
  unavailableMessage: string;
}

export class PgListener {
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly url: string,
    /** A fixed identifier (LISTEN takes no bind parameters). */
    private readonly channel: string,
    private readonly logger: Logger,
    private readonly handlers: PgListenerHandlers,
  ) {}

  /** Whether the LISTEN is in place (messages published now will arrive). */
  get listening(): boolean {
    return this.client !== null;
  }

  /** Connects unless connected or connecting. */
  start(): void {
    if (this.closed || this.client || this.connecting) return;
    const client = new pg.Client({ connectionString: this.url });
    this.connecting = (async () => {
      try {
        await client.connect();
        client.on('notification', (msg) => this.handlers.onMessage(msg.payload ?? ''));
        client.on('error', () => this.dropAndRetry(client));
        client.on('end', () => this.dropAndRetry(client));
        await client.query(`LISTEN ${this.channel}`);
        if (this.closed) await client.end();
        else {
          this.client = client;
          this.handlers.onListening();
        }
      } catch (err) {
        this.logger.warn(this.handlers.unavailableMessage, { error: err instanceof Error ? err.message : String(err) });
        client.end().catch(() => undefined);
        this.scheduleReconnect();
      } finally {
        this.connecting = null;
      }
    })();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    await this.connecting?.catch(() => undefined);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private dropAndRetry(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer || !this.handlers.wanted()) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.start();
    }, RECONNECT_MS);
    this.reconnectTimer.unref();
  }
}

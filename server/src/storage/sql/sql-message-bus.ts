/**
 * StorageAdapter.messages on PostgreSQL: NOTIFY through the pool, LISTEN on a dedicated connection (opened on
 * the first subscriber). PostgreSQL caps a NOTIFY payload just under 8000 bytes, hence maxMessageBytes.
 */
import type { Logger } from '../../core/logger.js';
import type { MessageBus } from '../port.js';
import { PgListener } from './pg-listener.js';

export const MESSAGES_CHANNEL = 'plinth_messages';

export class SqlMessageBus implements MessageBus {
  readonly maxMessageBytes = 7900;
  private readonly listeners = new Set<(message: string) => void>();
  private readonly listener: PgListener;

  constructor(
    url: string,
    private readonly logger: Logger,
    private readonly notify: (payload: string) => Promise<unknown>,
  ) {
    this.listener = new PgListener(url, MESSAGES_CHANNEL, logger, {
      onMessage: (payload) => this.deliver(payload),
      onListening: () => undefined,
      wanted: () => this.listeners.size > 0,
      unavailableMessage: 'cluster message channel unavailable',
    });
  }

  async publish(message: string): Promise<void> {
    if (Buffer.byteLength(message, 'utf8') > this.maxMessageBytes) throw new RangeError('message too large for NOTIFY');
    await this.notify(message);
  }

  subscribe(listener: (message: string) => void): () => void {
    this.listeners.add(listener);
    this.listener.start();
    return () => this.listeners.delete(listener);
  }

  close(): Promise<void> {
    this.listeners.clear();
    return this.listener.close();
  }

  private deliver(message: string): void {
    for (const listener of this.listeners) {
      try {
        listener(message);
      } catch (err) {
        this.logger.error('cluster message listener failed', { error: err instanceof Error ? err.message : String(err) });
      }
    }
  }
}

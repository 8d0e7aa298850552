/**
 * One SSE connection: its client id, captured auth and subscriptions, and the framing of messages
 * (`id:<clientId>` on EVERY message, since the SDK reads the client id from lastEventId). Closes itself after
 * the idle timeout (no message sent) or the maximum lifetime; the SDK reconnects and resubscribes.
 */
import type { VerifiedAuth } from '../core/auth/auth-token.js';
import { ALNUM, randomString } from '../core/ids.js';
import type { RealtimeTopic } from './realtime-topic.js';

/** Where messages go: the HTTP layer hands in the response stream's write/end. */
export interface SseSink {
  write(chunk: string): void;
  end(): void;
}

export interface ClientLimits {
  idleMs: number;
  maxLifetimeMs: number;
}

export class RealtimeClient {
  readonly id = randomString(40, ALNUM);
  auth: VerifiedAuth | null = null;
  topics: RealtimeTopic[] = [];
  /** Every subscription string as sent, including those that never match records (e.g. `@oauth2`). */
  names = new Set<string>();
  private closed = false;
  private idleTimer: NodeJS.Timeout | null = null;
  private readonly lifeTimer: NodeJS.Timeout;

  constructor(
    /** The connecting IP: subscribe calls from another IP are refused. */
    readonly ip: string,
    private readonly sink: SseSink,
    private readonly limits: ClientLimits,
    private readonly onClose: (client: RealtimeClient) => void,
  ) {
    this.lifeTimer = setTimeout(() => this.close(), limits.maxLifetimeMs);
    this.lifeTimer.unref();
    this.touch();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  send(event: string, data: unknown): void {
    if (this.closed) return;
    // Event names are subscription strings: a newline in one would forge frames, so they are cut out.
    const name = event.replace(/[\r\n]/g, '');
    this.sink.write(`id:${this.id}\nevent:${name}\ndata:${JSON.stringify(data)}\n\n`);
    this.touch();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.lifeTimer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.sink.end();
    this.onClose(this);
  }

  private touch(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.close(), this.limits.idleMs);
    this.idleTimer.unref();
  }
}

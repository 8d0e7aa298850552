/**
 * Which other Plinth instances LISTEN on the events channel (sql-event-signal.ts). Payloads are `<origin>` (a
 * commit hint, as every version sends it), `hello:<origin>` (just started listening: who is there?) and
 * `here:<origin>` (the answer, repeated while peers are known so that they keep counting this one). Whatever is
 * heard from another origin makes it a peer for `ttlMs`; one that stopped without a word drops out after that.
 */
export interface PeerMessage {
  kind: 'hint' | 'hello' | 'here';
  origin: string;
}

export const PEER_TTL_MS = 30_000;

export function parsePeerMessage(payload: string): PeerMessage {
  const colon = payload.indexOf(':');
  const kind = colon < 0 ? '' : payload.slice(0, colon);
  if (kind === 'hello' || kind === 'here') return { kind, origin: payload.slice(colon + 1) };
  return { kind: 'hint', origin: payload };
}

export class PeerPresence {
  /** Origin → when it was last heard from. */
  private readonly heard = new Map<string, number>();
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    private readonly origin: string,
    private readonly send: (payload: string) => void,
    private readonly ttlMs = PEER_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The payload of a commit hint. */
  hint(): string {
    return this.origin;
  }

  /** On (re)starting to listen: the others answer, and count this instance from now on. */
  announce(): void {
    this.send(`hello:${this.origin}`);
  }

  /** A payload from the channel; null for this instance's own. */
  receive(payload: string): PeerMessage | null {
    const message = parsePeerMessage(payload);
    if (message.origin === this.origin) return null;
    this.heard.set(message.origin, this.now());
    if (message.kind === 'hello') this.send(`here:${this.origin}`);
    this.keepAnnouncing();
    return message;
  }

  /** Whether any other instance was heard from within the TTL. */
  any(): boolean {
    const cutoff = this.now() - this.ttlMs;
    for (const [origin, at] of this.heard) if (at < cutoff) this.heard.delete(origin);
    return this.heard.size > 0;
  }

  close(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  private keepAnnouncing(): void {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => {
      if (this.any()) this.send(`here:${this.origin}`);
      else this.close();
    }, this.ttlMs / 3);
    this.heartbeat.unref();
  }
}

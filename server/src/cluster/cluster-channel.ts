/**
 * Request/reply between the instances of one Plinth, for state that lives in one process only (a realtime
 * client's SSE stream). A request is broadcast with a correlation id; the instance that can answer it
 * replies, the others stay silent, and the caller takes the first reply or gives up after its timeout.
 *
 * Carried by Redis pub/sub when REDIS_URL is set, else by the storage's message bus (PostgreSQL NOTIFY);
 * without either (PGlite is one process; MongoDB without Redis) there is no channel and nothing to ask.
 * Best effort throughout: a message lost on the way looks like an instance that did not answer.
 */
import { Redis } from 'ioredis';
import type { Config } from '../config/config.js';
import { AppError } from '../core/errors.js';
import { randomString } from '../core/ids.js';
import type { Logger } from '../core/logger.js';
import type { MessageBus, StorageAdapter } from '../storage/port.js';

/** Serves one kind of request: resolves with the reply, or undefined when this instance is not the one asked. */
export type ClusterHandler = (body: unknown) => Promise<unknown>;

type Envelope =
  | { kind: 'request'; id: string; from: string; op: string; body: unknown }
  | { kind: 'reply'; id: string; to: string; body: unknown };

const REDIS_CHANNEL = 'plinth:cluster';
/** Comfortably above the largest valid realtime subscribe (1000 topics of 2500 characters). */
const REDIS_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

export class ClusterChannel {
  private readonly instanceId = randomString(20);
  private readonly handlers = new Map<string, ClusterHandler>();
  private readonly pending = new Map<string, (body: unknown) => void>();
  private readonly unsubscribe: () => void;
  private closed = false;

  constructor(
    private readonly bus: MessageBus,
    private readonly logger: Logger,
    /** Set when the channel owns its bus (Redis); the storage's bus closes with the storage. */
    private readonly closeBus?: () => Promise<void>,
  ) {
    this.unsubscribe = bus.subscribe((message) => this.receive(message));
  }

  serve(op: string, handler: ClusterHandler): () => void {
    this.handlers.set(op, handler);
    return () => {
      if (this.handlers.get(op) === handler) this.handlers.delete(op);
    };
  }

  /**
   * The first reply to `body`, or undefined when no instance replied within `timeoutMs` (or the channel
   * closed meanwhile). Throws a 413 when the request does not fit in one message.
   */
  request(op: string, body: unknown, timeoutMs: number): Promise<unknown> {
    if (this.closed) return Promise.resolve(undefined);
    const id = randomString(20);
    const message = JSON.stringify({ kind: 'request', id, from: this.instanceId, op, body } satisfies Envelope);
    if (Buffer.byteLength(message, 'utf8') > this.bus.maxMessageBytes) {
      throw new AppError('payload_too_large', 'The request is too large to forward to the instance that can serve it.');
    }
    return new Promise((resolve) => {
      const settle = (reply: unknown) => {
        clearTimeout(timer);
        this.pending.delete(id);
        resolve(reply);
      };
      const timer = setTimeout(() => settle(undefined), timeoutMs);
      timer.unref();
      this.pending.set(id, settle);
      this.bus.publish(message).catch((err: unknown) => {
        this.logger.warn('cluster channel: request not sent', { op, error: err instanceof Error ? err.message : String(err) });
        settle(undefined);
      });
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    this.handlers.clear();
    for (const settle of [...this.pending.values()]) settle(undefined);
    await this.closeBus?.();
  }

  private receive(message: string): void {
    // Length in UTF-16 units never exceeds the UTF-8 byte length: oversized junk is dropped before parsing.
    if (this.closed || message.length > this.bus.maxMessageBytes) return;
    const envelope = parseEnvelope(message);
    if (!envelope) return;
    if (envelope.kind === 'reply') {
      if (envelope.to === this.instanceId) this.pending.get(envelope.id)?.(envelope.body);
      return;
    }
    const handler = this.handlers.get(envelope.op);
    if (!handler || envelope.from === this.instanceId) return;
    void handler(envelope.body)
      .then((reply) => {
        if (reply === undefined || this.closed) return;
        return this.bus.publish(JSON.stringify({ kind: 'reply', id: envelope.id, to: envelope.from, body: reply } satisfies Envelope));
      })
      .catch((err: unknown) => {
        this.logger.warn('cluster channel: request not answered', { op: envelope.op, error: err instanceof Error ? err.message : String(err) });
      });
  }
}

function parseEnvelope(message: string): Envelope | null {
  let value: unknown;
  try {
    value = JSON.parse(message);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const e = value as Record<string, unknown>;
  if (typeof e.id !== 'string') return null;
  if (e.kind === 'request' && typeof e.from === 'string' && typeof e.op === 'string') return e as Envelope;
  if (e.kind === 'reply' && typeof e.to === 'string') return e as Envelope;
  return null;
}

/** Redis pub/sub: publishing and subscribing need separate connections (a subscribed one takes no commands). */
class RedisMessageBus implements MessageBus {
  readonly maxMessageBytes = REDIS_MAX_MESSAGE_BYTES;
  private readonly listeners = new Set<(message: string) => void>();
  private readonly pub: Redis;
  private readonly sub: Redis;
  private warnedAt = 0;

  constructor(
    url: string,
    private readonly logger: Logger,
  ) {
    this.pub = new Redis(url, { commandTimeout: 1000, maxRetriesPerRequest: 1, lazyConnect: true });
    // ioredis reconnects and re-subscribes on its own.
    this.sub = new Redis(url, { lazyConnect: true });
    this.pub.on('error', (err: Error) => this.warn(err));
    this.sub.on('error', (err: Error) => this.warn(err));
    this.sub.on('message', (channel: string, message: string) => {
      if (channel !== REDIS_CHANNEL) return;
      for (const listener of this.listeners) listener(message);
    });
  }

  async publish(message: string): Promise<void> {
    if (Buffer.byteLength(message, 'utf8') > this.maxMessageBytes) throw new RangeError('message too large');
    await this.pub.publish(REDIS_CHANNEL, message);
  }

  subscribe(listener: (message: string) => void): () => void {
    if (this.listeners.size === 0) this.sub.subscribe(REDIS_CHANNEL).catch((err: Error) => this.warn(err));
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private warn(err: Error): void {
    // One line per minute is enough while Redis is down.
    if (Date.now() - this.warnedAt < 60_000) return;
    this.warnedAt = Date.now();
    this.logger.warn('cluster channel: redis error', { error: err.message });
  }

  async close(): Promise<void> {
    this.listeners.clear();
    const end = async (redis: Redis) => {
      if (redis.status === 'wait') return redis.disconnect();
      await redis.quit().catch(() => redis.disconnect());
    };
    await Promise.all([end(this.pub), end(this.sub)]);
  }
}

/** The channel this deployment has, or null (then every instance answers only for itself). */
export function createClusterChannel(config: Pick<Config, 'redisUrl'>, storage: StorageAdapter, logger: Logger): ClusterChannel | null {
  if (config.redisUrl) {
    const bus = new RedisMessageBus(config.redisUrl, logger);
    return new ClusterChannel(bus, logger, () => bus.close());
  }
  return storage.messages ? new ClusterChannel(storage.messages, logger) : null;
}

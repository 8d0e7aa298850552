/**
 * Realtime subscriptions over Server-Sent Events (contract §6): one connection per client, opened lazily,
 * reconnected with backoff whenever it drops (the server closes idle streams), with every subscription
 * resubmitted under the new client id. A change of auth reconnects too (the server pins a client's auth).
 */
import type { PlinthClientCore } from './client-core.js';
import { eventSourceStream, fetchStream, type EventSourceCtor, type EventStream } from './realtime-source.js';
import type { Query } from './wire-format.js';

export interface RealtimeEvent<R> {
  action: 'create' | 'update' | 'delete';
  record: R;
}

export interface SubscribeOptions<F = string> {
  filter?: F;
  query?: Query;
  headers?: Record<string, string>;
}

export interface RealtimeOptions {
  /** An EventSource implementation; without one (and without a global one) a fetch-based reader is used. */
  EventSource?: EventSourceCtor;
  /** Delays between reconnection attempts in ms (the last one repeats forever). */
  reconnectDelays?: number[];
}

type Listener = (data: unknown) => void;

export class Realtime {
  clientId = '';
  /** Called when the connection drops (before reconnecting), with the active topics. */
  onDisconnect?: (topics: string[]) => void;
  private readonly listeners = new Map<string, Set<Listener>>();
  private stream: EventStream | null = null;
  private connecting: Promise<void> | null = null;
  private resolveConnect: (() => void) | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private token = '';

  private readonly client: PlinthClientCore;
  private readonly options: RealtimeOptions;

  constructor(client: PlinthClientCore, options: RealtimeOptions = {}) {
    this.client = client;
    this.options = options;
    client.authStore.onChange((token) => {
      if (token !== this.token && this.stream) this.reconnect(0);
    });
  }

  get isConnected(): boolean {
    return !!this.clientId && !!this.stream;
  }

  /** Listens to a raw topic (`posts/*`, `posts/ID`, `@oauth2`, `PB_CONNECT`); returns the unsubscribe function. */
  async subscribe(topic: string, callback: Listener, opts: SubscribeOptions = {}): Promise<() => Promise<void>> {
    const key = topicKey(topic, opts);
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    const listener: Listener = (data) => callback(data);
    set.add(listener);
    this.stream?.listen(key);
    if (!this.stream) await this.connect();
    else {
      await this.connecting;
      if (key !== 'PB_CONNECT') await this.submit();
    }
    return async () => {
      const s = this.listeners.get(key);
      if (!s?.delete(listener)) return;
      if (!s.size) {
        this.listeners.delete(key);
        await this.afterRemoval();
      }
    };
  }

  /** Removes every listener of `topic` (with any options). */
  unsubscribe(topic?: string): Promise<void> {
    return this.removeWhere((key) => !topic || key === topic || key.startsWith(topic + '?'));
  }

  unsubscribeByPrefix(prefix: string): Promise<void> {
    return this.removeWhere((key) => key.startsWith(prefix));
  }

  disconnect(): void {
    clearTimeout(this.timer);
    this.stream?.close();
    this.stream = null;
    // A subscribe() still waiting for the first connection keeps waiting across reconnects.
    if (!this.resolveConnect) this.connecting = null;
    this.clientId = '';
  }

  private async removeWhere(match: (key: string) => boolean): Promise<void> {
    let removed = false;
    for (const key of [...this.listeners.keys()]) if (match(key)) removed = this.listeners.delete(key) || removed;
    if (removed) await this.afterRemoval();
  }

  private serverTopics(): string[] {
    return [...this.listeners.keys()].filter((k) => k !== 'PB_CONNECT');
  }

  private async afterRemoval(): Promise<void> {
    if (!this.serverTopics().length) this.disconnect();
    else if (this.clientId) await this.submit();
  }

  private connect(): Promise<void> {
    if (this.stream && this.connecting) return this.connecting;
    clearTimeout(this.timer);
    this.token = this.client.authStore.token;
    if (!this.resolveConnect) this.connecting = new Promise<void>((resolve) => (this.resolveConnect = resolve));
    const url = this.client.transport.url('/api/realtime');
    const handlers = {
      onEvent: (name: string, data: string, id: string) => this.dispatch(name, data, id),
      onClosed: () => this.handleClosed(),
    };
    const ES = this.options.EventSource ?? (globalThis as { EventSource?: EventSourceCtor }).EventSource;
    this.stream = ES ? eventSourceStream(url, ES, handlers) : fetchStream(url, this.client.transport.options.fetch ?? fetch, handlers);
    for (const key of this.listeners.keys()) this.stream.listen(key);
    return this.connecting!;
  }

  private dispatch(name: string, raw: string, id: string): void {
    let data: unknown = raw;
    try {
      data = JSON.parse(raw);
    } catch {
      /* not JSON: pass the text */
    }
    if (name === 'PB_CONNECT') {
      this.clientId = (data as { clientId?: string })?.clientId || id;
      this.attempt = 0;
      this.submit().then(
        () => {
          this.resolveConnect?.();
          this.resolveConnect = null;
        },
        () => this.reconnect(),
      );
    }
    for (const fn of this.listeners.get(name) ?? []) fn(data);
  }

  private async submit(): Promise<void> {
    if (!this.clientId) return;
    await this.client.transport.send('/api/realtime', {
      method: 'POST',
      body: { clientId: this.clientId, subscriptions: this.serverTopics() },
    });
  }

  private handleClosed(): void {
    this.onDisconnect?.(this.serverTopics());
    this.reconnect();
  }

  private reconnect(delay?: number): void {
    this.disconnect();
    if (!this.listeners.size) return;
    const delays = this.options.reconnectDelays ?? [200, 300, 500, 1000, 1200, 1500, 2000];
    const wait = delay ?? delays[Math.min(this.attempt++, delays.length - 1)];
    this.timer = setTimeout(() => void this.connect(), wait);
  }
}

/** The subscription string the server echoes as the SSE event name: topic plus encoded options. */
export function topicKey(topic: string, opts: SubscribeOptions): string {
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...opts.query, filter: opts.filter })) {
    if (v !== undefined && v !== null && v !== '') query[k] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  const options: Record<string, unknown> = {};
  if (Object.keys(query).length) options.query = query;
  if (opts.headers && Object.keys(opts.headers).length) options.headers = opts.headers;
  return Object.keys(options).length ? `${topic}?options=${encodeURIComponent(JSON.stringify(options))}` : topic;
}

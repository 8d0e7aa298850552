/**
 * Event streams for realtime: a reader over `fetch` (works in browsers, Node 20+, Deno and Bun without any
 * EventSource) or an EventSource implementation (global or injected, e.g. the `eventsource` package).
 */

export interface EventSourceLike {
  addEventListener(type: string, listener: (e: { data?: unknown; lastEventId?: string }) => void): void;
  close(): void;
  onerror: ((e: unknown) => void) | null;
}
export type EventSourceCtor = new (url: string) => EventSourceLike;

export interface StreamHandlers {
  onEvent(name: string, data: string, id: string): void;
  /** The stream ended or failed (not called after close()). */
  onClosed(err?: unknown): void;
}

export interface EventStream {
  /** EventSource needs a listener per event name; the fetch reader sees every event anyway. */
  listen(name: string): void;
  close(): void;
}

/** Parses `text/event-stream` chunks and dispatches complete events. */
function sseParser(dispatch: (name: string, data: string, id: string) => void) {
  let buffer = '';
  let name = '';
  let data: string[] = [];
  let id = '';
  return (chunk: string) => {
    buffer += chunk;
    const lines = buffer.split(/\r\n|\r|\n/);
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (line === '') {
        if (data.length) dispatch(name || 'message', data.join('\n'), id);
        name = '';
        data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') name = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id') id = value;
    }
  };
}

export function fetchStream(url: string, doFetch: typeof fetch, handlers: StreamHandlers): EventStream {
  const ctrl = new AbortController();
  let closed = false;
  (async () => {
    const res = await doFetch(url, { headers: { Accept: 'text/event-stream' }, signal: ctrl.signal, cache: 'no-store' });
    if (!res.ok || !res.body) throw new Error(`realtime connection failed with status ${res.status}`);
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    const feed = sseParser(handlers.onEvent);
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      feed(value);
    }
  })().then(
    () => closed || handlers.onClosed(),
    (err) => closed || handlers.onClosed(err),
  );
  return {
    listen() {},
    close() {
      closed = true;
      ctrl.abort();
    },
  };
}

export function eventSourceStream(url: string, ES: EventSourceCtor, handlers: StreamHandlers): EventStream {
  const source = new ES(url);
  const listening = new Set<string>();
  let closed = false;
  const stream: EventStream = {
    listen(name) {
      if (listening.has(name)) return;
      listening.add(name);
      source.addEventListener(name, (e) => handlers.onEvent(name, String(e.data ?? ''), e.lastEventId ?? ''));
    },
    close() {
      closed = true;
      source.close();
    },
  };
  // The server closes idle streams: reconnection is ours (new client id + resubscribe), not EventSource's.
  source.onerror = (err) => {
    if (closed) return;
    stream.close();
    handlers.onClosed(err);
  };
  stream.listen('PB_CONNECT');
  return stream;
}

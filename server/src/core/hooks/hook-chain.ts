/**
 * The one composition primitive for domain hooks: Koa's `next()` onion. Handlers run outermost first (lower
 * priority first, ties in registration order); each decides whether and when to call `next()`, may change the
 * event before it and read the outcome after it, or stop the chain by returning without calling it (then the
 * built-in behaviour — always the innermost handler — does not run). A throw aborts the chain with that error.
 *
 * Handlers may be tagged (collection names or ids): a tagged handler only runs for events whose tags
 * intersect its own; an untagged handler runs for every event.
 */

export type HookHandler<E> = (event: E, next: () => Promise<void>) => Promise<void> | void;

export interface HookOptions {
  /** Lower runs first (outermost). Default 0. */
  priority?: number;
  /** Only run for events carrying one of these tags; empty or absent: every event. */
  tags?: readonly string[];
  /** Shown in logs and `GET /api/plugins`; defaults to "handler-<n>". */
  id?: string;
}

export interface BoundHandler<E> {
  id: string;
  priority: number;
  tags: readonly string[];
  handler: HookHandler<E>;
  /** Registration order, the tie breaker. */
  seq: number;
}

export class Hook<E> {
  private handlers: BoundHandler<E>[] = [];
  private counter = 0;

  /** Adds a handler; returns a function that removes it again. */
  bind(handler: HookHandler<E>, options: HookOptions = {}): () => void {
    const seq = this.counter++;
    const bound: BoundHandler<E> = {
      id: options.id ?? `handler-${seq}`,
      priority: options.priority ?? 0,
      tags: [...(options.tags ?? [])],
      handler,
      seq,
    };
    this.handlers = [...this.handlers, bound].sort((a, b) => a.priority - b.priority || a.seq - b.seq);
    return () => {
      this.handlers = this.handlers.filter((h) => h !== bound);
    };
  }

  /** The handlers that would run for an event with these tags, in execution order. */
  handlersFor(tags: readonly string[] = []): BoundHandler<E>[] {
    return this.handlers.filter((h) => h.tags.length === 0 || h.tags.some((t) => tags.includes(t)));
  }

  /** No handler at all, for any tags: the cheapest check on a hot path. */
  get empty(): boolean {
    return this.handlers.length === 0;
  }

  /** True when at least one handler would run for these tags (callers skip the chain's overhead otherwise). */
  has(tags: readonly string[] = []): boolean {
    return this.handlersFor(tags).length > 0;
  }

  /**
   * Runs the matching handlers around `inner` (the built-in behaviour). The handler list is taken once, so
   * binding or unbinding during a run affects only later runs. Calling `next()` twice is a programming error.
   */
  async trigger(event: E, inner: (event: E) => Promise<void> | void, tags: readonly string[] = []): Promise<void> {
    const chain = this.handlersFor(tags);
    let last = -1;
    const dispatch = async (i: number): Promise<void> => {
      if (i <= last) throw new Error('next() called multiple times');
      last = i;
      if (i === chain.length) return void (await inner(event));
      await chain[i].handler(event, () => dispatch(i + 1));
    };
    await dispatch(0);
  }
}

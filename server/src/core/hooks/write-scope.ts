/**
 * The transaction a "before" hook chain runs in, visible to code called from its handlers (AsyncLocalStorage).
 * Plugin reads and writes made while a chain runs join that transaction instead of opening another
 * connection: they commit or roll back with the write, and on a single-connection store (PGlite) they cannot
 * deadlock against it. Async work merely started from a handler (timers, queued jobs) may outlive the chain;
 * the scope is closed when the chain ends, so such work falls back to the store itself.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { StorageSession } from '../../storage/port.js';

interface Scope {
  session: StorageSession;
  open: boolean;
}

export class WriteScope {
  private readonly storage = new AsyncLocalStorage<Scope>();

  async run<T>(session: StorageSession, fn: () => Promise<T>): Promise<T> {
    const scope: Scope = { session, open: true };
    try {
      return await this.storage.run(scope, fn);
    } finally {
      scope.open = false;
    }
  }

  /** The session of the hook chain running in this async context, if one is still running. */
  current(): StorageSession | undefined {
    const scope = this.storage.getStore();
    return scope?.open ? scope.session : undefined;
  }
}

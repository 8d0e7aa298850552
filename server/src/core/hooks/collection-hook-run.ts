/**
 * Runs a collection change through its "before" hook chain (collection-hook-events.ts), with the built-in use
 * case as the innermost handler. Without matching handlers the built-in runs exactly as before.
 */
import { emptyRequestInfo } from '../../filter/request.js';
import type { StorageSession } from '../../storage/port.js';
import type { App } from '../app.js';
import type { RecordsContext } from '../records/records-context.js';
import type { Hook } from './hook-chain.js';
import { triggerInTransaction } from './hook-transaction.js';

export async function runCollectionHook<E extends { context: RecordsContext }>(
  app: App,
  session: StorageSession,
  hook: Hook<E> | undefined,
  tags: readonly string[],
  init: Omit<E, 'context'>,
  builtin: (session: StorageSession, event: E) => Promise<void>,
  failedMessage: string,
): Promise<E> {
  // Collection changes are superuser-only: records read or written from the handlers act as the system.
  const eventIn = (s: StorageSession) => ({ ...init, context: { app, session: s, caller: { request: emptyRequestInfo(), isSuperuser: true } } }) as E;
  if (!hook?.has(tags)) {
    const event = eventIn(session);
    await builtin(session, event);
    return event;
  }
  try {
    return await triggerInTransaction<E>({
      session,
      scope: app.hooks.scope,
      hook,
      tags,
      event: eventIn,
      builtin: (e) => builtin(e.context.session, e),
      failedMessage,
    });
  } catch (err) {
    // The built-in reloads the catalogue inside the transaction: after a rollback, forget what it saw.
    await app.collections.load(session);
    throw err;
  }
}

/**
 * Runs a record write through its "before" hook chain, with the built-in use case as the innermost handler.
 *
 * With matching handlers the whole chain runs in one transaction that the built-in write joins as a savepoint,
 * so a handler that throws after next() still rolls the write (and its outbox events) back; its file changes
 * are settled only once that outer transaction ended. Without matching handlers the built-in runs exactly as
 * before: no extra transaction, no cost.
 */
import { AppError } from '../errors.js';
import { withFileChanges } from '../records/record-files.js';
import type { RecordsContext } from '../records/records-context.js';
import type { Hook } from './hook-chain.js';
import { triggerInTransaction } from './hook-transaction.js';
import { collectionTags } from './record-hook-events.js';

type EventOf<E> = Omit<E, 'context'>;

export async function runRecordHook<E extends { collection: { id: string; name: string }; context: RecordsContext }>(
  ctx: RecordsContext,
  hook: Hook<E> | undefined,
  init: EventOf<E>,
  builtin: (ctx: RecordsContext, event: E) => Promise<void>,
  failedMessage: string,
): Promise<E> {
  const tags = collectionTags(init.collection);
  if (!hook?.has(tags)) {
    const event = { ...init, context: ctx } as E;
    await builtin(ctx, event);
    return event;
  }
  return withFileChanges(ctx, (fileChanges) =>
    triggerInTransaction<E>({
      session: ctx.session,
      scope: ctx.app.hooks?.scope,
      hook,
      tags,
      event: (tx) => ({ ...init, context: { ...ctx, session: tx, fileChanges } }) as E,
      builtin: (e) => builtin(e.context, e),
      failedMessage,
    }),
  );
}

/** The built-in write did not run and no handler supplied the result: a hook stopped the chain half-way. */
export function hookResultMissing(kind: 'record' | 'collection' = 'record'): AppError {
  return new AppError('internal', undefined, {}, new Error(`a ${kind} hook returned without calling next() or setting event.${kind}`));
}

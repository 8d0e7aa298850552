/**
 * Runs a record write through its "before" hook chain, with the built-in use case as the innermost handler.
 *
 * With matching handlers the whole chain runs in one transaction that the built-in write joins as a savepoint,
 * so a handler that throws after next() still rolls the write (and its outbox events) back; its file changes
 * are settled only once that outer transaction ended. Without matching handlers the built-in runs exactly as
 * before: no extra transaction, no cost.
 */
import { AppError, isAppError } from '../errors.js';
import { withFileChanges } from '../records/record-files.js';
import type { RecordsContext } from '../records/records-context.js';
import type { Hook } from './hook-chain.js';
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
  let builtinError: unknown;
  try {
    return await withFileChanges(ctx, (fileChanges) =>
      ctx.session.transaction(async (tx) => {
        const inner: RecordsContext = { ...ctx, session: tx, fileChanges };
        const event = { ...init, context: inner } as E;
        const chain = () =>
          hook.trigger(
            event,
            (e) =>
              builtin(inner, e).catch((err: unknown) => {
                builtinError = err;
                throw err;
              }),
            tags,
          );
        await (ctx.app.hooks ? ctx.app.hooks.scope.run(tx, chain) : chain());
        return event;
      }),
    );
  } catch (err) {
    // A handler's own AppError keeps its status and message; anything else it throws is a plain refusal (400)
    // whose cause is logged, never sent. Errors of the built-in write pass through untouched.
    if (err === builtinError || isAppError(err)) throw err;
    throw new AppError('bad_request', failedMessage, {}, err);
  }
}

/** The built-in write did not run and no handler supplied the record: a hook stopped the chain half-way. */
export function hookResultMissing(): AppError {
  return new AppError('internal', undefined, {}, new Error('a record hook returned without calling next() or setting event.record'));
}

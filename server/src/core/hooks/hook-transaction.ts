/**
 * Runs a "before" hook chain in one transaction that the built-in write joins (as a savepoint), inside the
 * App's write scope so that plugin reads and writes made from the handlers join it too. A handler that throws
 * after next() therefore still rolls the built-in write (and its outbox events) back.
 *
 * Errors: a handler's own AppError keeps its status and message; anything else it throws is a plain refusal
 * (400 `failedMessage`) whose cause is logged, never sent. Errors of the built-in write pass through untouched.
 */
import type { StorageSession } from '../../storage/port.js';
import { AppError, isAppError } from '../errors.js';
import type { Hook } from './hook-chain.js';
import type { WriteScope } from './write-scope.js';

export interface HookTransaction<E> {
  session: StorageSession;
  scope: WriteScope | undefined;
  hook: Hook<E>;
  tags: readonly string[];
  /** Builds the event once the transaction is open (its context joins `tx`). */
  event: (tx: StorageSession) => E;
  builtin: (event: E) => Promise<void>;
  failedMessage: string;
}

export async function triggerInTransaction<E>(run: HookTransaction<E>): Promise<E> {
  let builtinError: unknown;
  try {
    return await run.session.transaction(async (tx) => {
      const event = run.event(tx);
      const inner = (e: E) =>
        run.builtin(e).catch((err: unknown) => {
          builtinError = err;
          throw err;
        });
      const chain = () => run.hook.trigger(event, inner, run.tags);
      await (run.scope ? run.scope.run(tx, chain) : chain());
      return event;
    });
  } catch (err) {
    if (err === builtinError || isAppError(err)) throw err;
    throw new AppError('bad_request', run.failedMessage, {}, err);
  }
}

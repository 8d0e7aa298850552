/**
 * The one place errors become HTTP responses: PocketBase's `{status, message, data}` envelope. AppError and
 * FilterError carry client-safe messages; unique violations become 400; anything else is logged with its
 * cause and answered with the generic 500 message. Unmatched routes get a JSON 404 too.
 */
import type { Middleware } from 'koa';
import { AppError, isAppError, notFound } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { FilterError } from '../../filter/errors.js';
import { StorageError } from '../../storage/port.js';
import type { PlinthState } from '../http-state.js';

/** Maps any thrown value to an AppError (or null when it is an unexpected failure). */
export function toAppError(err: unknown): AppError | null {
  if (isAppError(err)) return err;
  if (err instanceof FilterError) return new AppError(err.status === 403 ? 'forbidden' : 'bad_request', err.message);
  // Constraint and value errors the use cases did not map themselves are still the client's bad input.
  if (err instanceof StorageError && (err.kind === 'unique' || err.kind === 'invalid_value' || err.kind === 'not_null')) {
    return new AppError('bad_request', undefined, {}, err);
  }
  return null;
}

export function errorEnvelopeMiddleware(logger: Logger): Middleware<PlinthState> {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body == null) throw notFound();
    } catch (err) {
      let appError = toAppError(err);
      if (!appError) {
        logger.error('request failed', {
          requestId: ctx.state.requestId,
          method: ctx.method,
          path: ctx.path,
          error: describe(err),
        });
        appError = new AppError('internal', undefined, {}, err);
      } else if (appError.cause) {
        logger.debug('request rejected', { requestId: ctx.state.requestId, status: appError.status, error: describe(appError.cause) });
      }
      ctx.status = appError.status;
      ctx.body = appError.toJSON();
      if (appError.status === 413) ctx.set('Connection', 'close');
    }
  };
}

function describe(err: unknown): Record<string, unknown> | string {
  if (err instanceof Error) {
    return { name: err.name, message: err.message, stack: err.stack, cause: err.cause ? describe(err.cause) : undefined };
  }
  return String(err);
}

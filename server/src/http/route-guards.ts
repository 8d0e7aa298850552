/** Shared route helpers: access guards and query-string readers used by several route groups. */
import type { Middleware } from 'koa';
import { forbidden, unauthorized } from '../core/errors.js';
import type { RecordsContext } from '../core/records/records-context.js';
import type { App } from '../core/app.js';
import type { PlinthContext, PlinthState } from './http-state.js';

/** Superuser-only endpoints: no auth → 401, another identity → 403 (PocketBase's messages). */
export function requireSuperuser(): Middleware<PlinthState> {
  return async (ctx, next) => {
    if (!ctx.state.auth) throw unauthorized('The request requires valid record authorization token.');
    if (!ctx.state.isSuperuser) throw forbidden('The authorized record is not allowed to perform this action.');
    await next();
  };
}

/** First value of a query parameter, or undefined. */
export function queryParam(ctx: PlinthContext, name: string): string | undefined {
  const value = ctx.query[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The records use-case context of an HTTP request (outside batch: the adapter itself is the session). */
export function recordsContext(app: App, ctx: PlinthContext): RecordsContext {
  return { app, session: app.storage, caller: { request: ctx.state.requestInfo, isSuperuser: ctx.state.isSuperuser } };
}

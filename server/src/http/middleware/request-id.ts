/** Tags each request with an id (echoed as X-Request-Id) so log lines of one request can be correlated. */
import type { Middleware } from 'koa';
import { randomString } from '../../core/ids.js';
import type { PlinthState } from '../http-state.js';

export function requestIdMiddleware(): Middleware<PlinthState> {
  // Not async: a step that only acts before the rest hands on next()'s promise instead of adding a layer.
  return (ctx, next) => {
    const incoming = ctx.get('X-Request-Id');
    ctx.state.requestId = /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomString(20);
    ctx.set('X-Request-Id', ctx.state.requestId);
    return next();
  };
}

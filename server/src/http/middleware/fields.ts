/** Applies the `fields` query parameter to every successful JSON response body. */
import type { Middleware } from 'koa';
import type { PlinthState } from '../http-state.js';
import { projectResponse } from '../fields-projection.js';

export function fieldsMiddleware(): Middleware<PlinthState> {
  return (ctx, next) => {
    const raw = ctx.query.fields;
    const fields = Array.isArray(raw) ? raw[0] : raw;
    // Without `fields` there is nothing to do afterwards either: no async layer for it.
    if (!fields) return next();
    return next().then(() => {
      if (ctx.status < 200 || ctx.status >= 300) return;
      const body = ctx.body;
      if (body === null || typeof body !== 'object' || Buffer.isBuffer(body) || typeof (body as { pipe?: unknown }).pipe === 'function') return;
      ctx.body = projectResponse(body, fields);
    });
  };
}

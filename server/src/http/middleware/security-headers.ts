/**
 * Security headers on every response (contract 1) and permissive CORS: all origins, the methods the API
 * uses, any requested header. Preflight requests end here with 204.
 */
import type { Middleware } from 'koa';
import type { PlinthState } from '../http-state.js';

const ALLOWED_METHODS = 'GET,HEAD,PUT,PATCH,POST,DELETE';

export function securityHeadersMiddleware(): Middleware<PlinthState> {
  return (ctx, next) => {
    ctx.set('X-XSS-Protection', '1; mode=block');
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('X-Frame-Options', 'SAMEORIGIN');
    ctx.set('Access-Control-Allow-Origin', '*');
    ctx.vary('Origin');

    if (ctx.method === 'OPTIONS' && ctx.get('Access-Control-Request-Method')) {
      ctx.set('Access-Control-Allow-Methods', ALLOWED_METHODS);
      const requested = ctx.get('Access-Control-Request-Headers');
      if (requested) ctx.set('Access-Control-Allow-Headers', requested);
      ctx.vary('Access-Control-Request-Method');
      ctx.vary('Access-Control-Request-Headers');
      ctx.status = 204;
      return Promise.resolve();
    }
    return next();
  };
}

/**
 * Authenticates the request from `Authorization: <token>` (optionally `Bearer <token>`). Bad, expired or
 * revoked tokens are ignored silently: the request continues as a guest and the endpoint's own rules decide.
 */
import type { Middleware } from 'koa';
import type { App } from '../../core/app.js';
import { type VerifiedAuth, verifyAuthToken } from '../../core/auth/auth-token.js';
import { SUPERUSERS } from '../../core/collections/collection-builtins.js';
import type { PlinthContext, PlinthState } from '../http-state.js';
import { buildRequestInfo, firstQueryValues, snakeCaseHeaders } from '../request-info.js';

export function bearerToken(header: string): string {
  const trimmed = header.trim();
  return /^bearer\s+/i.test(trimmed) ? trimmed.replace(/^bearer\s+/i, '') : trimmed;
}

export function authMiddleware(app: App): Middleware<PlinthState> {
  const authenticate = (ctx: PlinthContext, auth: VerifiedAuth | null) => {
    ctx.state.auth = auth;
    ctx.state.isSuperuser = auth?.collection.name === SUPERUSERS;
    ctx.state.requestInfo = buildRequestInfo({
      auth,
      method: ctx.method,
      query: firstQueryValues(ctx.query),
      headers: snakeCaseHeaders(ctx.headers),
    });
  };
  // Guests pass on synchronously: only a token to verify makes this step asynchronous.
  return (ctx, next) => {
    const token = bearerToken(ctx.get('Authorization'));
    if (!token) {
      authenticate(ctx, null);
      return next();
    }
    return verifyAuthToken(app, app.storage, token).then((auth) => {
      authenticate(ctx, auth);
      return next();
    });
  };
}

/**
 * Login endpoints of auth collections (contract 5.3–5.8, 5.12): auth-methods, auth-with-password,
 * auth-with-otp, request-otp, auth-refresh and impersonate.
 */
import type Router from '@koa/router';
import type { App } from '../../core/app.js';
import { authMethods } from '../../core/auth/auth-methods.js';
import { impersonate } from '../../core/auth/auth-impersonate.js';
import type { LoginOptions } from '../../core/auth/auth-complete.js';
import { authWithOtp, requestOtp } from '../../core/auth/auth-otp.js';
import { authRefresh } from '../../core/auth/auth-refresh.js';
import { authWithPassword } from '../../core/auth/auth-with-password.js';
import { clientIp } from '../../ratelimit/client-ip.js';
import type { PlinthContext, PlinthState } from '../http-state.js';
import { queryParam, requireSuperuser } from '../route-guards.js';

/** What every login needs from the HTTP request: expand, superuser caller, MFA session and device origin. */
export function loginOptions(app: App, ctx: PlinthContext): LoginOptions {
  const bodyMfa = ctx.state.body?.mfaId;
  return {
    expand: queryParam(ctx, 'expand'),
    callerIsSuperuser: ctx.state.isSuperuser,
    mfaId: queryParam(ctx, 'mfaId') || (typeof bodyMfa === 'string' ? bodyMfa : undefined) || undefined,
    origin: {
      ip: clientIp(ctx.req.socket.remoteAddress, ctx.headers, app.settings.get().trustedProxy),
      userAgent: ctx.get('User-Agent'),
    },
  };
}

export function registerAuthRoutes(router: Router<PlinthState>, app: App): void {
  router.get('/api/collections/:collection/auth-methods', async (ctx) => {
    ctx.body = await authMethods(app, ctx.params.collection);
  });

  router.post('/api/collections/:collection/auth-with-password', async (ctx) => {
    ctx.body = await authWithPassword(app, app.storage, ctx.params.collection, ctx.state.body, ctx.state.requestInfo, loginOptions(app, ctx));
  });

  router.post('/api/collections/:collection/request-otp', async (ctx) => {
    ctx.body = await requestOtp(app, ctx.params.collection, ctx.state.body);
  });

  router.post('/api/collections/:collection/auth-with-otp', async (ctx) => {
    ctx.body = await authWithOtp(app, ctx.params.collection, ctx.state.body, ctx.state.requestInfo, loginOptions(app, ctx));
  });

  router.post('/api/collections/:collection/auth-refresh', async (ctx) => {
    ctx.body = await authRefresh(app, app.storage, ctx.params.collection, ctx.state.auth, ctx.state.requestInfo, {
      expand: queryParam(ctx, 'expand'),
    });
  });

  router.post('/api/collections/:collection/impersonate/:id', requireSuperuser(), async (ctx) => {
    ctx.body = await impersonate(app, ctx.params.collection, ctx.params.id, ctx.state.body, ctx.state.requestInfo, {
      expand: queryParam(ctx, 'expand'),
    });
  });
}

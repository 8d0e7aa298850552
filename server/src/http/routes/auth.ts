/** Auth endpoints of auth collections (contract 5.3–5.5): auth-methods, auth-with-password, auth-refresh. */
import type Router from '@koa/router';
import type { App } from '../../core/app.js';
import { authMethods } from '../../core/auth/auth-methods.js';
import { authRefresh } from '../../core/auth/auth-refresh.js';
import { authWithPassword } from '../../core/auth/auth-with-password.js';
import type { PlinthState } from '../http-state.js';
import { queryParam } from '../route-guards.js';

export function registerAuthRoutes(router: Router<PlinthState>, app: App): void {
  router.get('/api/collections/:collection/auth-methods', (ctx) => {
    ctx.body = authMethods(app, ctx.params.collection);
  });

  router.post('/api/collections/:collection/auth-with-password', async (ctx) => {
    ctx.body = await authWithPassword(app, app.storage, ctx.params.collection, ctx.state.body, ctx.state.requestInfo, {
      expand: queryParam(ctx, 'expand'),
      callerIsSuperuser: ctx.state.isSuperuser,
    });
  });

  router.post('/api/collections/:collection/auth-refresh', async (ctx) => {
    ctx.body = await authRefresh(app, app.storage, ctx.params.collection, ctx.state.auth, ctx.state.requestInfo, {
      expand: queryParam(ctx, 'expand'),
    });
  });
}

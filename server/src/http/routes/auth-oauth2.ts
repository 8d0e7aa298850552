/**
 * OAuth2 endpoints (contract 5.6): `auth-with-oauth2` (code + PKCE) and the browser landing page of the
 * all-in-one flow, `/api/oauth2-redirect` (GET, or form POST for Apple), which passes the answer on to the
 * waiting realtime client through app.oauth2Redirect and sends the browser to the dashboard's result page.
 */
import type Router from '@koa/router';
import type { App } from '../../core/app.js';
import { authWithOAuth2 } from '../../core/auth/auth-with-oauth2.js';
import { clientIp } from '../../ratelimit/client-ip.js';
import type { PlinthContext, PlinthState } from '../http-state.js';
import { loginOptions } from './auth.js';

const SUCCESS = '../_/#/auth/oauth2-redirect-success';
const FAILURE = '../_/#/auth/oauth2-redirect-failure';

async function redirectHandler(app: App, ctx: PlinthContext, source: Record<string, unknown>) {
  const text = (key: string) => (typeof source[key] === 'string' ? (source[key] as string) : '');
  const state = text('state');
  const code = text('code');
  const error = text('error');
  let delivered = false;
  if (state && app.oauth2Redirect) {
    const ip = clientIp(ctx.req.socket.remoteAddress, ctx.headers, app.settings.get().trustedProxy);
    delivered = await app.oauth2Redirect
      .deliver({ state, code, ...(error ? { error } : {}) }, ip)
      .catch((err: Error) => {
        app.logger.warn('oauth2 redirect delivery failed', { error: err.message });
        return false;
      });
  }
  ctx.status = ctx.method === 'POST' ? 303 : 307;
  ctx.set('Location', delivered && !error ? SUCCESS : FAILURE);
  ctx.body = '';
}

export function registerOAuth2Routes(router: Router<PlinthState>, app: App): void {
  router.post('/api/collections/:collection/auth-with-oauth2', async (ctx) => {
    ctx.body = await authWithOAuth2(app, ctx.params.collection, ctx.state.body, ctx.state.requestInfo, ctx.state.auth, loginOptions(app, ctx));
  });
  router.get('/api/oauth2-redirect', (ctx) => redirectHandler(app, ctx, ctx.query as Record<string, unknown>));
  router.post('/api/oauth2-redirect', (ctx) => redirectHandler(app, ctx, { ...(ctx.query as Record<string, unknown>), ...ctx.state.body }));
}

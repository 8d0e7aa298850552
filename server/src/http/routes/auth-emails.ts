/**
 * Verification, password reset and email change endpoints (contract 5.9–5.11): thin adapters answering 204.
 */
import type Router from '@koa/router';
import type { App } from '../../core/app.js';
import { confirmEmailChange, requestEmailChange } from '../../core/auth/auth-email-change.js';
import { confirmPasswordReset, requestPasswordReset } from '../../core/auth/auth-password-reset.js';
import { confirmVerification, requestVerification } from '../../core/auth/auth-verification.js';
import type { PlinthContext, PlinthState } from '../http-state.js';

const BASE = '/api/collections/:collection';

export function registerAuthEmailRoutes(router: Router<PlinthState>, app: App): void {
  const action = (path: string, run: (collection: string, ctx: PlinthContext & { params: Record<string, string> }) => Promise<void>) =>
    router.post(`${BASE}/${path}`, async (ctx) => {
      await run(ctx.params.collection, ctx);
      ctx.status = 204;
    });

  action('request-verification', (c, ctx) => requestVerification(app, c, ctx.state.body));
  action('confirm-verification', (c, ctx) => confirmVerification(app, c, ctx.state.body));
  action('request-password-reset', (c, ctx) => requestPasswordReset(app, c, ctx.state.body));
  action('confirm-password-reset', (c, ctx) => confirmPasswordReset(app, c, ctx.state.body));
  action('request-email-change', (c, ctx) => requestEmailChange(app, c, ctx.state.auth, ctx.state.body));
  action('confirm-email-change', (c, ctx) => confirmEmailChange(app, c, ctx.state.body));
}

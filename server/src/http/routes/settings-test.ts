/** `POST /api/settings/test/email` (contract 9), superusers only. */
import type Router from '@koa/router';
import type { App } from '../../core/app.js';
import { sendTestEmail } from '../../core/auth/auth-test-email.js';
import type { PlinthState } from '../http-state.js';
import { requireSuperuser } from '../route-guards.js';

export function registerSettingsTestRoutes(router: Router<PlinthState>, app: App): void {
  router.post('/api/settings/test/email', requireSuperuser(), async (ctx) => {
    await sendTestEmail(app, ctx.state.body);
    ctx.status = 204;
  });
}

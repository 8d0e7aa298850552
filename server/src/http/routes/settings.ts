/** `GET/PATCH /api/settings` (contract 9), superusers only; secrets are never sent back. */
import type Router from '@koa/router';
import type { App } from '../../core/app.js';
import { redactSettings } from '../../core/settings/settings-defaults.js';
import type { PlinthState } from '../http-state.js';
import { requireSuperuser } from '../route-guards.js';

export function registerSettingsRoutes(router: Router<PlinthState>, app: App): void {
  router.get('/api/settings', requireSuperuser(), (ctx) => {
    ctx.body = redactSettings(app.settings.get());
  });
  router.patch('/api/settings', requireSuperuser(), async (ctx) => {
    ctx.body = redactSettings(await app.settings.update(app.storage, ctx.state.body));
  });
}

/** `GET /api/health` (contract 9). */
import type Router from '@koa/router';
import type { App } from '../../core/app.js';
import type { PlinthState } from '../http-state.js';

export function registerHealthRoutes(router: Router<PlinthState>, app: App): void {
  void app;
  router.get('/api/health', (ctx) => {
    const data: Record<string, unknown> = {};
    if (ctx.state.isSuperuser) {
      data.canBackup = false;
      data.realIP = ctx.ip;
      data.possibleProxyHeader = '';
    }
    ctx.body = { code: 200, message: 'API is healthy.', data };
  });
}

/** `/api/logs` (contract 9): list, hourly stats, view and truncate request logs; superusers only. */
import type Router from '@koa/router';
import type { App } from '../../core/app.js';
import { deleteAllLogs, listLogs, logStats, viewLog } from '../../logs/log-queries.js';
import type { PlinthState } from '../http-state.js';
import { queryParam, requireSuperuser } from '../route-guards.js';

export function registerLogRoutes(router: Router<PlinthState>, app: App): void {
  router.get('/api/logs', requireSuperuser(), async (ctx) => {
    const q = (name: string) => queryParam(ctx, name);
    ctx.body = await listLogs(app, { page: q('page'), perPage: q('perPage'), sort: q('sort'), filter: q('filter'), skipTotal: q('skipTotal') });
  });
  router.get('/api/logs/stats', requireSuperuser(), async (ctx) => {
    ctx.body = await logStats(app, queryParam(ctx, 'filter'));
  });
  router.get('/api/logs/:id', requireSuperuser(), async (ctx) => {
    ctx.body = await viewLog(app, ctx.params.id);
  });
  router.delete('/api/logs', requireSuperuser(), async (ctx) => {
    await deleteAllLogs(app);
    ctx.status = 204;
  });
}

/**
 * `GET /api/health` (contract 9): liveness — the process answers HTTP. It never touches the database, so a
 * database outage does not make an orchestrator restart healthy instances.
 * `GET /api/health/ready`: readiness (cluster/readiness.ts) — 200 when the database and Redis answer and the
 * instance is not draining, else 503; `data` names each check's state (never an error text: it is public).
 */
import type Router from '@koa/router';
import type { App } from '../../core/app.js';
import type { Readiness } from '../../cluster/readiness.js';
import type { PlinthState } from '../http-state.js';

export function registerHealthRoutes(router: Router<PlinthState>, app: App, readiness?: Readiness): void {
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

  router.get('/api/health/ready', async (ctx) => {
    const report = readiness ? await readiness.check() : { ready: true, checks: {} };
    ctx.status = report.ready ? 200 : 503;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { code: ctx.status, message: report.ready ? 'API is ready.' : 'API is not ready.', data: report.checks };
  });
}

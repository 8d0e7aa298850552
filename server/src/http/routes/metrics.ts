/**
 * `GET /metrics` (Prometheus text format) and `GET /api/metrics/summary` (JSON for the console). Both need a
 * superuser token, or `Authorization: Bearer <PLINTH_METRICS_TOKEN>` when that is configured (for scrapers).
 */
import { timingSafeEqual } from 'node:crypto';
import type Router from '@koa/router';
import type { Middleware } from 'koa';
import type { App } from '../../core/app.js';
import { forbidden, unauthorized } from '../../core/errors.js';
import { metricsSummary } from '../../metrics/metrics-summary.js';
import type { PlinthState } from '../http-state.js';
import { bearerToken } from '../middleware/auth.js';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function requireMetricsAccess(app: App): Middleware<PlinthState> {
  return async (ctx, next) => {
    const token = app.config.metricsToken;
    const granted = ctx.state.isSuperuser || (!!token && sameSecret(bearerToken(ctx.get('Authorization')), token));
    if (!granted) {
      if (ctx.state.auth) throw forbidden('The authorized record is not allowed to perform this action.');
      throw unauthorized('The request requires a superuser or the metrics token.');
    }
    await next();
  };
}

export function registerMetricsRoutes(router: Router<PlinthState>, app: App): void {
  router.get('/metrics', requireMetricsAccess(app), async (ctx) => {
    ctx.type = app.metrics.registry.contentType;
    ctx.body = await app.metrics.registry.metrics();
  });
  router.get('/api/metrics/summary', requireMetricsAccess(app), async (ctx) => {
    ctx.body = await metricsSummary(app.metrics);
  });
}

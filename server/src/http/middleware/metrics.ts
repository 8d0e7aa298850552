/**
 * Counts and times every request by route template (never the raw path: ids would explode the label set),
 * method and final status, and tracks requests in flight. Runs outside the error envelope so it sees the
 * status actually sent.
 */
import type { Middleware } from 'koa';
import type { Metrics } from '../../metrics/metrics.js';
import type { PlinthState } from '../http-state.js';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export function metricsMiddleware(metrics: Metrics): Middleware<PlinthState> {
  return async (ctx, next) => {
    metrics.httpInFlight.inc();
    const started = performance.now();
    try {
      await next();
    } finally {
      metrics.httpInFlight.dec();
      const route = (ctx as { _matchedRoute?: string | RegExp })._matchedRoute;
      const labels = {
        method: METHODS.has(ctx.method) ? ctx.method : 'OTHER',
        route: typeof route === 'string' ? route : route ? String(route) : 'unmatched',
        status: String(ctx.status),
      };
      metrics.httpRequests.inc(labels);
      metrics.httpDuration.observe(labels, (performance.now() - started) / 1000);
    }
  };
}

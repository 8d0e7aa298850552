/**
 * settings.rateLimits (contract 9), applied after auth so that audiences (@guest/@auth) and the superuser
 * exemption are known, and after the body parser so that every sub-request of a batch counts too (packing
 * requests into one batch is no way around a limit). Counters live in app.rateLimiter (Redis or memory).
 */
import type { Middleware, Next } from 'koa';
import type { App } from '../../core/app.js';
import { AppError } from '../../core/errors.js';
import type { RateLimitAudience } from '../../core/settings/settings.js';
import { clientIp } from '../../ratelimit/client-ip.js';
import { requestTarget, type RequestTarget } from '../../ratelimit/rate-limit-labels.js';
import { rateLimitChecks } from '../../ratelimit/rate-limit-rules.js';
import type { PlinthContext, PlinthState } from '../http-state.js';

function batchTargets(app: App, body: Record<string, unknown>): RequestTarget[] {
  const requests = Array.isArray(body.requests) ? body.requests : [];
  const resolve = (nameOrId: string) => app.collections.get(nameOrId);
  const out: RequestTarget[] = [];
  for (const sub of requests) {
    if (typeof sub !== 'object' || sub === null) continue;
    const { method, url } = sub as { method?: unknown; url?: unknown };
    if (typeof method !== 'string' || typeof url !== 'string') continue;
    let path: string;
    try {
      path = new URL(url, 'http://batch.local').pathname;
    } catch {
      continue; // the batch route rejects it as invalid data
    }
    out.push(requestTarget(method, path, resolve));
  }
  return out;
}

export function rateLimitMiddleware(app: App): Middleware<PlinthState> {
  // Off (the default) or exempt: on to the next step without an async layer of its own.
  return (ctx, next) => {
    const limits = app.settings.get().rateLimits;
    if (!limits?.enabled || !limits.rules.length || ctx.state.isSuperuser) return next();
    return enforce(ctx, next);
  };

  async function enforce(ctx: PlinthContext, next: Next): Promise<void> {
    const settings = app.settings.get();
    const limits = settings.rateLimits;
    const ip = clientIp(ctx.req.socket.remoteAddress, ctx.headers, settings.trustedProxy);
    if (limits.excludedIPs.includes(ip)) return next();

    const audiences: RateLimitAudience[] = ctx.state.auth ? ['', '@auth'] : ['', '@guest'];
    const resolve = (nameOrId: string) => app.collections.get(nameOrId);
    const targets = [requestTarget(ctx.method, ctx.path, resolve)];
    if (ctx.method === 'POST' && ctx.path === '/api/batch') targets.push(...batchTargets(app, ctx.state.body ?? {}));

    for (const target of targets) {
      for (const check of rateLimitChecks(limits.rules, target, audiences)) {
        const allowed = await app.rateLimiter.hit(`${check.key}|${ip}`, check.rule.maxRequests, check.rule.duration);
        if (!allowed) throw new AppError('too_many_requests');
      }
    }
    await next();
  }
}

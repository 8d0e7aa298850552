/**
 * Plugins over HTTP: `GET /api/plugins` and `PATCH /api/plugins/{name}/settings` (superusers: what is loaded,
 * with config and settings, for the console), the plugins' custom routes mounted behind the same middleware
 * as built-in ones, and the request hooks around the records list/view and auth endpoints.
 */
import type Router from '@koa/router';
import type { Middleware, Next } from 'koa';
import type { App } from '../../core/app.js';
import { badRequest, forbidden, notFound, unauthorized } from '../../core/errors.js';
import type { Hook } from '../../core/hooks/hook-chain.js';
import { collectionTags, type AppHooks } from '../../core/hooks/record-hook-events.js';
import type { RequestHookAction, RequestHookEvent } from '../../core/hooks/request-hook-events.js';
import type { PluginRequest } from '../../plugins/plugin-api.js';
import type { PluginHost } from '../../plugins/plugin-host.js';
import { isReply, type PluginRouteSpec } from '../../plugins/plugin-routes.js';
import type { PlinthContext, PlinthState } from '../http-state.js';
import { firstQueryValues } from '../request-info.js';
import { requireSuperuser } from '../route-guards.js';

export function registerPluginRoutes(router: Router<PlinthState>, app: App, host: PluginHost): void {
  router.get('/api/plugins', requireSuperuser(), async (ctx) => {
    const items = await host.describe();
    ctx.body = { items, totalItems: items.length };
  });

  router.patch('/api/plugins/:name/settings', requireSuperuser(), async (ctx) => {
    const settings = host.settingsOf(ctx.params.name);
    if (!settings) throw notFound();
    if (!settings.declared) throw badRequest(`Plugin "${ctx.params.name}" has no settings.`);
    ctx.body = await settings.update(ctx.state.body);
  });

  for (const spec of host.routes) mountRoute(router, app, spec);
}

function mountRoute(router: Router<PlinthState>, app: App, spec: PluginRouteSpec): void {
  const guard: Middleware<PlinthState> =
    spec.auth === 'superuser'
      ? requireSuperuser()
      : async (ctx, next) => {
          if (spec.auth === 'auth' && !ctx.state.auth) throw unauthorized('The request requires valid record authorization token.');
          await next();
        };
  const method = spec.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  router[method](spec.path, guard, async (ctx) => {
    const result = await spec.handler(pluginRequest(ctx, ctx.params));
    if (isReply(result)) {
      for (const [name, value] of Object.entries(result.headers)) ctx.set(name, value);
      ctx.status = result.status;
      ctx.body = result.body;
    } else if (result === undefined || result === null) {
      ctx.status = 204;
    } else {
      ctx.body = result;
    }
  });
  app.logger.debug('plugin route mounted', { plugin: spec.plugin, method: spec.method, path: spec.path });
}

/** The transport-neutral request a plugin sees: the same caller the built-in routes build. */
function pluginRequest(ctx: PlinthContext, params: Record<string, string>): PluginRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(ctx.headers)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) headers[name.toLowerCase()] = first;
  }
  const body = ctx.state.body ?? {};
  const caller = { request: { ...ctx.state.requestInfo, body }, isSuperuser: ctx.state.isSuperuser };
  return {
    method: ctx.method,
    path: ctx.path,
    params: { ...params },
    query: firstQueryValues(ctx.query),
    headers,
    body,
    caller,
    requireAuth(...collections) {
      const auth = ctx.state.auth;
      if (!auth) throw unauthorized('The request requires valid record authorization token.');
      if (collections.length && !collections.includes(auth.collection.name) && !collections.includes(auth.collection.id)) {
        throw forbidden('The authorized record is not allowed to perform this action.');
      }
    },
    requireSuperuser() {
      if (!ctx.state.auth) throw unauthorized('The request requires valid record authorization token.');
      if (!ctx.state.isSuperuser) throw forbidden('The authorized record is not allowed to perform this action.');
    },
  };
}

const HOOKED: { method: string; pattern: RegExp; action: RequestHookAction; point: keyof AppHooks }[] = [
  { method: 'GET', pattern: /^\/api\/collections\/(?<collection>[^/]+)\/records$/, action: 'list', point: 'recordsListRequest' },
  { method: 'GET', pattern: /^\/api\/collections\/(?<collection>[^/]+)\/records\/(?<id>[^/]+)$/, action: 'view', point: 'recordViewRequest' },
  {
    method: 'POST',
    pattern: /^\/api\/collections\/(?<collection>[^/]+)\/(?<authAction>auth-with-password|auth-with-otp|auth-with-oauth2|auth-refresh)$/,
    action: 'auth',
    point: 'recordAuthRequest',
  },
];

/**
 * Runs the request hooks of the matched endpoint around the rest of the chain (the built-in route). Placed just
 * before the router: handlers see the caller, and what they leave in `event.response` is what is sent (the
 * `fields` projection still applies outside).
 */
export function pluginRequestHooksMiddleware(app: App): Middleware<PlinthState> {
  // Not async itself: a request no hook is registered for goes on without an extra layer.
  return (ctx, next) => {
    const route = HOOKED.find((r) => r.method === ctx.method && r.pattern.test(ctx.path));
    if (!route || (app.hooks[route.point] as unknown as Hook<RequestHookEvent>).empty) return next();
    return runRequestHooks(ctx, next, route);
  };

  async function runRequestHooks(ctx: PlinthContext, next: Next, route: (typeof HOOKED)[number]): Promise<void> {
    const params: Record<string, string> = {};
    for (const [key, value] of Object.entries(route.pattern.exec(ctx.path)?.groups ?? {})) {
      if (value === undefined) continue;
      try {
        params[key] = decodeURIComponent(value);
      } catch {
        return next(); // malformed escapes: the built-in route answers as it always does
      }
    }
    const collection = app.collections.get(params.collection);
    const hook = app.hooks[route.point] as unknown as Hook<RequestHookEvent>;
    if (!collection || !hook.has(collectionTags(collection))) return next();
    const request = pluginRequest(ctx, params);
    const event: RequestHookEvent = { action: route.action, collection, request, response: { status: 404, body: null } };
    await hook.trigger(
      event,
      async (e) => {
        await next();
        e.response = { status: ctx.status, body: ctx.body };
      },
      collectionTags(collection),
    );
    ctx.status = event.response.status;
    ctx.body = event.response.body;
  }
}

/**
 * Custom routes as plugins declare them: transport-neutral specs that the HTTP layer (http/routes/plugins.ts)
 * mounts behind the same middleware as the built-in routes (auth, body limits, rate limits, error envelope).
 */
import type { PluginReply, PluginRoutes, RouteHandler, RouteOptions } from './plugin-api.js';

export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface PluginRouteSpec {
  plugin: string;
  method: RouteMethod;
  /** Koa-router style: `/api/example/:id`. */
  path: string;
  handler: RouteHandler;
  auth: NonNullable<RouteOptions['auth']>;
}

const PATH = /^\/[A-Za-z0-9._~:@!$&'()*+,;=/-]*$/;

export function routeCollector(plugin: string, into: PluginRouteSpec[]): PluginRoutes {
  const add = (method: RouteMethod) => (path: string, handler: RouteHandler, options: RouteOptions = {}) => {
    if (!PATH.test(path)) throw new Error(`route path must start with "/" and be URL-safe, got ${JSON.stringify(path)}`);
    if (typeof handler !== 'function') throw new Error(`route ${method} ${path} needs a handler function`);
    const auth = options.auth ?? 'public';
    if (!['public', 'auth', 'superuser'].includes(auth)) throw new Error(`route ${method} ${path}: auth must be public, auth or superuser`);
    into.push({ plugin, method, path, handler, auth });
  };
  return { get: add('GET'), post: add('POST'), put: add('PUT'), patch: add('PATCH'), delete: add('DELETE') };
}

export function reply(status: number, body?: unknown, headers: Record<string, string> = {}): PluginReply {
  if (!Number.isInteger(status) || status < 100 || status > 599) throw new Error(`reply status must be an HTTP status, got ${status}`);
  return { kind: 'plinth-reply', status, body: body ?? null, headers };
}

export const isReply = (value: unknown): value is PluginReply =>
  typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'plinth-reply';

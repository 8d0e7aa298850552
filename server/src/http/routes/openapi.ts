/**
 * `GET /api/openapi.json`: the OpenAPI 3.1 document of this server's API, generated from the live schema.
 * Superusers get every collection, everyone else the collections their rules open (openapi/openapi-context.ts).
 * CORS comes from the security headers middleware, as for every API route.
 */
import type Router from '@koa/router';
import type { App } from '../../core/app.js';
import { createOpenApiCache } from '../../openapi/openapi-cache.js';
import { withServerUrl } from '../../openapi/openapi-document.js';
import { serverVersion } from '../../openapi/server-version.js';
import type { PlinthState } from '../http-state.js';

export function registerOpenApiRoutes(router: Router<PlinthState>, app: App): void {
  const cache = createOpenApiCache(app.collections, { version: serverVersion(), logger: app.logger });
  router.get('/api/openapi.json', (ctx) => {
    const doc = cache.get(ctx.state.isSuperuser ? 'superuser' : 'public');
    // Per caller: the superuser and public documents differ behind the same URL.
    ctx.set('Cache-Control', 'private, no-cache');
    ctx.vary('Authorization');
    // Koa 3's ctx.origin is the Origin header; the server URL is where this request arrived.
    ctx.body = withServerUrl(doc, `${ctx.protocol}://${ctx.host}`);
  });
}

/**
 * The Koa application: the one place where middleware order is decided.
 * request id → security headers/CORS → error envelope → body → auth → fields projection → routes.
 */
import Koa from 'koa';
import Router from '@koa/router';
import type { App } from '../core/app.js';
import type { PlinthContext, PlinthState } from './http-state.js';
import { authMiddleware } from './middleware/auth.js';
import { bodyParserMiddleware } from './middleware/body-parser.js';
import { errorEnvelopeMiddleware } from './middleware/error-envelope.js';
import { fieldsMiddleware } from './middleware/fields.js';
import { requestIdMiddleware } from './middleware/request-id.js';
import { securityHeadersMiddleware } from './middleware/security-headers.js';
import { registerAuthRoutes } from './routes/auth.js';
import { DEFAULT_BATCH_BODY_LIMIT, registerBatchRoutes } from './routes/batch.js';
import { registerCollectionRoutes } from './routes/collections.js';
import { registerHealthRoutes } from './routes/health.js';
import { registerRecordRoutes } from './routes/records.js';
import { registerSettingsRoutes } from './routes/settings.js';

export function createHttpApp(app: App): Koa<PlinthState> {
  const koa = new Koa<PlinthState>({ proxy: false });
  // Errors are rendered by the envelope middleware; Koa's default handler would only log them twice.
  koa.silent = true;

  const bodyLimit = (ctx: PlinthContext) => {
    if (ctx.path === '/api/batch') return app.settings.get().batch.maxBodySize || DEFAULT_BATCH_BODY_LIMIT;
    return app.config.bodyLimit;
  };

  const router = new Router<PlinthState>({ strict: true });
  registerHealthRoutes(router, app);
  registerSettingsRoutes(router, app);
  registerBatchRoutes(router, app);
  registerAuthRoutes(router, app);
  registerRecordRoutes(router, app);
  registerCollectionRoutes(router, app);

  koa.use(requestIdMiddleware());
  koa.use(securityHeadersMiddleware());
  koa.use(errorEnvelopeMiddleware(app.logger));
  koa.use(bodyParserMiddleware(bodyLimit));
  koa.use(authMiddleware(app));
  koa.use(fieldsMiddleware());
  koa.use(router.routes());
  return koa;
}

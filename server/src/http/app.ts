/**
 * The Koa application: the one place where middleware order is decided.
 * request id → metrics → request log → security headers/CORS → error envelope → body → auth → rate limits → fields projection → routes.
 */
import Koa from 'koa';
import Router from '@koa/router';
import type { App } from '../core/app.js';
import type { LogWriter } from '../logs/log-writer.js';
import { uploadAllowance } from './files/request-uploads.js';
import type { PlinthContext, PlinthState } from './http-state.js';
import { authMiddleware } from './middleware/auth.js';
import { bodyParserMiddleware } from './middleware/body-parser.js';
import { errorEnvelopeMiddleware } from './middleware/error-envelope.js';
import { fieldsMiddleware } from './middleware/fields.js';
import { metricsMiddleware } from './middleware/metrics.js';
import { rateLimitMiddleware } from './middleware/rate-limit.js';
import { requestIdMiddleware } from './middleware/request-id.js';
import { requestLogMiddleware } from './middleware/request-log.js';
import { securityHeadersMiddleware } from './middleware/security-headers.js';
import { registerAuthRoutes } from './routes/auth.js';
import { registerAuthEmailRoutes } from './routes/auth-emails.js';
import { registerOAuth2Routes } from './routes/auth-oauth2.js';
import { DEFAULT_BATCH_BODY_LIMIT, registerBatchRoutes } from './routes/batch.js';
import { registerCollectionRoutes } from './routes/collections.js';
import { registerFileRoutes } from './routes/files.js';
import { registerRealtimeRoutes } from './routes/realtime.js';
import type { RealtimeForwarding } from '../realtime/realtime-forwarding.js';
import type { RealtimeHub } from '../realtime/realtime-hub.js';
import type { Readiness } from '../cluster/readiness.js';
import { registerHealthRoutes } from './routes/health.js';
import { registerJobRoutes } from './routes/jobs.js';
import { registerLogRoutes } from './routes/logs.js';
import { registerMetricsRoutes } from './routes/metrics.js';
import { registerOpenApiRoutes } from './routes/openapi.js';
import { registerRecordRoutes } from './routes/records.js';
import { registerSettingsRoutes } from './routes/settings.js';
import { registerWebhookRoutes } from './routes/webhooks.js';
import { registerSettingsTestRoutes } from './routes/settings-test.js';
import { registerS3SettingsRoutes } from './routes/settings-s3.js';
import { pluginRequestHooksMiddleware, registerPluginRoutes } from './routes/plugins.js';
import type { PluginHost } from '../plugins/plugin-host.js';
import { registerConsoleRoutes } from './routes/console.js';
import { registerInstallRoutes, type Installer } from './routes/install.js';

/** `requestLogs`: where request log entries go (the composition root owns the writer's lifecycle); none → not logged. */
/** `installer`: set while no superuser exists (first run); `consoleDir`: the built console (default console/dist). */
export function createHttpApp(
  app: App,
  opts: {
    requestLogs?: LogWriter;
    realtime?: { hub: RealtimeHub; forwarding: RealtimeForwarding };
    installer?: Installer;
    consoleDir?: string;
    readiness?: Readiness;
    plugins?: PluginHost;
  } = {},
): Koa<PlinthState> {
  const koa = new Koa<PlinthState>({ proxy: false });
  // Errors are rendered by the envelope middleware; Koa's default handler would only log them twice.
  koa.silent = true;

  const bodyLimit = (ctx: PlinthContext) => {
    if (ctx.path === '/api/batch') return app.settings.get().batch.maxBodySize || DEFAULT_BATCH_BODY_LIMIT;
    return app.config.bodyLimit + uploadAllowance(app, ctx.path);
  };

  const router = new Router<PlinthState>({ strict: true });
  registerHealthRoutes(router, app, opts.readiness);
  registerMetricsRoutes(router, app);
  registerLogRoutes(router, app);
  registerWebhookRoutes(router, app);
  registerSettingsRoutes(router, app);
  registerSettingsTestRoutes(router, app);
  registerBatchRoutes(router, app);
  registerAuthRoutes(router, app);
  registerAuthEmailRoutes(router, app);
  registerOAuth2Routes(router, app);
  registerRecordRoutes(router, app);
  registerCollectionRoutes(router, app);
  registerJobRoutes(router, app);
  registerFileRoutes(router, app);
  if (opts.realtime) registerRealtimeRoutes(router, app, opts.realtime.hub, opts.realtime.forwarding);
  registerS3SettingsRoutes(router, app);
  registerOpenApiRoutes(router, app);
  // After every built-in route: a plugin route never shadows one of them.
  if (opts.plugins) registerPluginRoutes(router, app, opts.plugins);
  registerInstallRoutes(router, app, opts.installer);
  registerConsoleRoutes(router, opts.consoleDir);

  koa.use(requestIdMiddleware());
  // Outside the error envelope: both see the status actually sent.
  koa.use(metricsMiddleware(app.metrics));
  if (opts.requestLogs) koa.use(requestLogMiddleware(app, opts.requestLogs));
  koa.use(securityHeadersMiddleware());
  koa.use(errorEnvelopeMiddleware(app.logger));
  koa.use(bodyParserMiddleware(bodyLimit));
  koa.use(authMiddleware(app));
  koa.use(rateLimitMiddleware(app));
  koa.use(fieldsMiddleware());
  koa.use(pluginRequestHooksMiddleware(app));
  koa.use(router.routes());
  return koa;
}

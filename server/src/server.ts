/**
 * The composition root: builds every long-lived dependency from the Config, in order, and owns the HTTP
 * server's lifecycle (listen, graceful close). Nothing else constructs storage, registries or settings.
 */
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Config } from './config/config.js';
import type { App } from './core/app.js';
import { hasSuperuser, upsertSuperuser } from './core/auth/superuser-upsert.js';
import { ensureBuiltinCollections } from './core/collections/collection-builtins.js';
import { createCollectionRegistry } from './core/collections/registry.js';
import { createLogger, type Logger } from './core/logger.js';
import { createSettingsService } from './core/settings/settings-service.js';
import { createFileStorage } from './files/file-storage-select.js';
import { OutboxDispatcher } from './events/dispatcher.js';
import { createHttpApp } from './http/app.js';
import type { ClientLimits } from './realtime/realtime-client.js';
import { RealtimeHub } from './realtime/realtime-hub.js';
import { createAppMailer } from './mail/mail-setup.js';
import { createRateLimiter } from './ratelimit/rate-limiter.js';
import { createLogWriter } from './logs/log-writer.js';
import { registerLogRetention } from './logs/log-retention.js';
import { createMetrics } from './metrics/metrics.js';
import { outboxLagSeconds } from './metrics/outbox-lag.js';
import { instrumentStorage } from './metrics/storage-metrics.js';
import { registerWebhooks, WEBHOOKS_CONSUMER } from './webhooks/webhook-consumer.js';
import { createJobQueue } from './jobs/create-job-queue.js';
import { createStorage } from './storage/create-storage.js';

export interface Plinth {
  app: App;
  /** Starts accepting connections on config.http; resolves with the actual URL (port 0 → a free port). */
  listen(): Promise<{ url: string }>;
  /** Stops accepting connections, lets in-flight requests finish (bounded wait), then closes storage. */
  close(): Promise<void>;
}

/** How long close() waits for in-flight requests before cutting connections. */
const DRAIN_TIMEOUT_MS = 10_000;

/** Storage, schema, built-in collections and settings: everything but HTTP (also used by the CLI). */
export async function bootApp(config: Config, logger: Logger): Promise<App> {
  const metrics = createMetrics();
  // Timed at the port boundary: adapters stay free of metrics.
  const storage = instrumentStorage(await createStorage(config.database, logger), metrics);
  try {
    await storage.migrate();
    const collections = createCollectionRegistry();
    await collections.load(storage);
    const settings = createSettingsService();
    const files = createFileStorage(config.dataDir, settings);
    // Built here, started by createPlinth: the CLI boots the App without consuming events or running jobs.
    const events = new OutboxDispatcher(storage, logger);
    const jobs = createJobQueue(config, storage, logger);
    const mailer = createAppMailer(jobs, settings, logger, () => app);
    const rateLimiter = createRateLimiter(config, logger);
    const app: App = { config, storage, collections, settings, logger, files, events, jobs, metrics, mailer, rateLimiter, now: () => new Date() };
    metrics.setQueueCountsSource(() => jobs.counts());
    metrics.setOutboxLagSource(() => outboxLagSeconds(storage, [WEBHOOKS_CONSUMER]));
    await ensureBuiltinCollections(app);
    await settings.load(storage);
    return app;
  } catch (err) {
    await storage.close().catch(() => undefined);
    throw err;
  }
}

export async function createPlinth(config: Config, opts: { logger?: Logger; realtimeLimits?: ClientLimits } = {}): Promise<Plinth> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  const app = await bootApp(config, logger);

  if (config.superuser) {
    const { created } = await upsertSuperuser(app, config.superuser.email, config.superuser.password);
    logger.info(created ? 'superuser created from configuration' : 'superuser password set from configuration', {
      email: config.superuser.email,
    });
  }
  if (!(await hasSuperuser(app))) {
    logger.warn('no superuser exists yet; create one with: pnpm plinth superuser upsert EMAIL PASSWORD');
  }
  // Job definitions and event consumers registered above are live from here on (later ones start at once).
  const webhooks = registerWebhooks(app);
  await app.jobs.start();
  await app.events.start();
  await registerLogRetention(app);
  await webhooks.schedule();
  const requestLogs = createLogWriter(app);

  const realtime = new RealtimeHub(app, opts.realtimeLimits);
  const koa = createHttpApp(app, { requestLogs, realtime });
  const server: Server = createServer(koa.callback());
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  let closing: Promise<void> | undefined;

  return {
    app,

    listen() {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.http.port, config.http.host, () => {
          server.off('error', reject);
          const address = server.address();
          const port = typeof address === 'object' && address ? address.port : config.http.port;
          const host = config.http.host.includes(':') ? `[${config.http.host}]` : config.http.host;
          const url = `http://${host}:${port}`;
          logger.info(`listening on ${url}`, { url, storage: app.storage.dialect });
          resolve({ url });
        });
      });
    },

    close() {
      closing ??= (async () => {
        // Open SSE streams never finish on their own: end them first so that draining can complete.
        realtime.close();
        await new Promise<void>((resolve) => {
          if (!server.listening) return resolve();
          // Keep-alive connections with no request in flight would hold close() open: end them as soon as
          // they become idle (a request in flight finishes first).
          const sweeper = setInterval(() => server.closeIdleConnections(), 50);
          const timer = setTimeout(() => {
            clearInterval(sweeper);
            server.closeAllConnections();
            resolve();
          }, DRAIN_TIMEOUT_MS);
          timer.unref();
          server.close(() => {
            clearTimeout(timer);
            clearInterval(sweeper);
            resolve();
          });
          server.closeIdleConnections();
        });
        for (const socket of sockets) socket.destroy();
        await requestLogs.close();
        await app.jobs.close();
        await app.events.close();
        app.files.close?.();
        await app.rateLimiter.close();
        await app.storage.close();
        logger.info('stopped');
      })();
      return closing;
    },
  };
}

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
import { createAppHooks } from './core/hooks/record-hook-events.js';
import { createSettingsService } from './core/settings/settings-service.js';
import { createFileStorage } from './files/file-storage-select.js';
import { OutboxDispatcher } from './events/dispatcher.js';
import { createHttpApp } from './http/app.js';
import { createInstaller } from './http/routes/install.js';
import type { ClientLimits } from './realtime/realtime-client.js';
import { RealtimeHub } from './realtime/realtime-hub.js';
import { RealtimeForwarding } from './realtime/realtime-forwarding.js';
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
import { createRemoteFileFetcher } from './net/remote-file-fetch.js';
import { createPluginHost } from './plugins/plugin-host.js';
import { resolvePlugins, type InlinePlugin } from './plugins/plugin-load.js';
import { syncInstanceCaches } from './cluster/instance-sync.js';
import { createReadiness } from './cluster/readiness.js';
import { createClusterChannel } from './cluster/cluster-channel.js';

export interface Plinth {
  app: App;
  /** Starts accepting connections on config.http; resolves with the actual URL (port 0 → a free port). */
  listen(): Promise<{ url: string }>;
  /**
   * Graceful shutdown: readiness turns 503 at once (load balancers stop routing here), open SSE streams end,
   * the listener closes and in-flight requests finish (bounded wait); then buffered request logs are flushed,
   * running jobs finish or go back to their queue, event consumers stop, and storage closes.
   */
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
    const hooks = createAppHooks();
    const remoteFiles = createRemoteFileFetcher();
    const app: App = { config, storage, collections, settings, logger, files, events, jobs, metrics, mailer, rateLimiter, hooks, remoteFiles, now: () => new Date() };
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

/** `plugins`: plugin objects handed over in code, loaded after those named in config.plugins. */
export async function createPlinth(
  config: Config,
  opts: { logger?: Logger; realtimeLimits?: ClientLimits; plugins?: readonly InlinePlugin[] } = {},
): Promise<Plinth> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  const app = await bootApp(config, logger);

  if (config.superuser) {
    const { created } = await upsertSuperuser(app, config.superuser.email, config.superuser.password);
    logger.info(created ? 'superuser created from configuration' : 'superuser password set from configuration', {
      email: config.superuser.email,
    });
  }
  // First run: a one-time link to the console's installer, printed once the address is known (listen()).
  const installer = (await hasSuperuser(app)) ? undefined : createInstaller();
  // Plugins register before the queue and the dispatcher start: their jobs and "after" hooks are live with them.
  const plugins = await createPluginHost(app, await resolvePlugins(config, opts.plugins)).catch(async (err: unknown) => {
    await app.storage.close().catch(() => undefined);
    throw err;
  });
  // Job definitions and event consumers registered above are live from here on (later ones start at once).
  const webhooks = registerWebhooks(app);
  // Schema and settings changes made through other instances (cluster/instance-sync.ts).
  const instanceSync = syncInstanceCaches(app);
  await app.jobs.start();
  await app.events.start();
  await instanceSync.refresh();
  await registerLogRetention(app);
  await webhooks.schedule();
  await plugins.start().catch(async (err: unknown) => {
    // A plugin's onStart failed: stop what already runs, so a failed start leaves nothing behind.
    instanceSync.stop();
    await app.jobs.close().catch(() => undefined);
    await app.events.close().catch(() => undefined);
    await app.rateLimiter.close().catch(() => undefined);
    await app.storage.close().catch(() => undefined);
    throw err;
  });
  const requestLogs = createLogWriter(app);

  const realtime = new RealtimeHub(app, opts.realtimeLimits);
  // Realtime calls naming a stream that another instance holds travel over it (no sticky routing needed).
  const cluster = createClusterChannel(config, app.storage, logger);
  const forwarding = new RealtimeForwarding(app, realtime, cluster);
  const readiness = createReadiness(app);
  const koa = createHttpApp(app, { requestLogs, realtime: { hub: realtime, forwarding }, installer, readiness, plugins });
  const server: Server = createServer(koa.callback());
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  let closing: Promise<void> | undefined;

  const announceInstaller = async (url: string) => {
    if (!installer || (await hasSuperuser(app).catch(() => true))) return;
    // The host the server listens on may be a wildcard; the link must be something a browser can open.
    const browserUrl = url.replace('//0.0.0.0:', '//127.0.0.1:').replace('//[::]:', '//[::1]:');
    logger.warn(
      `no superuser exists yet: open ${installer.link(browserUrl)} to create the first one ` +
        '(or run: pnpm plinth superuser upsert EMAIL PASSWORD)',
      { installUrl: installer.link(browserUrl) },
    );
  };

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
          logger.info(`admin console: ${url}/_/`, { url: `${url}/_/` });
          void announceInstaller(url).finally(() => resolve({ url }));
        });
      });
    },

    close() {
      closing ??= (async () => {
        readiness.drain();
        // Open SSE streams never finish on their own: end them first so that draining can complete.
        realtime.close();
        forwarding.close();
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
        await plugins.close();
        await app.jobs.close();
        instanceSync.stop();
        await app.events.close();
        await cluster?.close();
        await readiness.close();
        app.files.close?.();
        await app.rateLimiter.close();
        await app.storage.close();
        logger.info('stopped');
      })();
      return closing;
    },
  };
}

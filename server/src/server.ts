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
import { createHttpApp } from './http/app.js';
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
  const storage = await createStorage(config.database, logger);
  try {
    await storage.migrate();
    const collections = createCollectionRegistry();
    await collections.load(storage);
    const settings = createSettingsService();
    const app: App = { config, storage, collections, settings, logger, now: () => new Date() };
    await ensureBuiltinCollections(app);
    await settings.load(storage);
    return app;
  } catch (err) {
    await storage.close().catch(() => undefined);
    throw err;
  }
}

export async function createPlinth(config: Config, opts: { logger?: Logger } = {}): Promise<Plinth> {
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

  const koa = createHttpApp(app);
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
        await app.storage.close();
        logger.info('stopped');
      })();
      return closing;
    },
  };
}

/**
 * A real Plinth with plugins loaded (in code, or through config.plugins), on loopback over a fresh test
 * database, with SDK clients. Also used by the first-party plugin packages' tests (plugins/<name>/test) through
 * a relative import, so that they need nothing installed besides the server's own dependencies.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PocketBase, { ClientResponseError } from 'pocketbase';
import type { Config } from '../../src/config/config.js';
import type { App } from '../../src/core/app.js';
import { createLogger } from '../../src/core/logger.js';
import type { InlinePlugin } from '../../src/plugins/plugin-load.js';
import { createPlinth, type Plinth } from '../../src/server.js';
import { createTestDatabase, testBackends, type TestBackend, type TestDatabase } from '../support/test-database.js';

export { PocketBase, ClientResponseError, testBackends, createTestDatabase };
export { waitFor, sleep } from '../jobs/wait-for.js';
export type { TestBackend, TestDatabase, App, Plinth, InlinePlugin };

export const SUPERUSER = { email: 'root@example.com', password: 'root-pass-1234' };

export interface PluginServer {
  url: string;
  app: App;
  plinth: Plinth;
  /** Signed in as the superuser. */
  admin: PocketBase;
  guest(): PocketBase;
  close(): Promise<void>;
}

export function sdkClient(url: string): PocketBase {
  const pb = new PocketBase(url);
  pb.autoCancellation(false);
  return pb;
}

export function pluginTestConfig(database: Config['database'], dataDir: string, extra: Partial<Config> = {}): Config {
  return {
    http: { host: '127.0.0.1', port: 0 },
    dataDir,
    database,
    redisUrl: null,
    superuser: SUPERUSER,
    bodyLimit: 8 * 1024 * 1024,
    logLevel: 'error',
    ...extra,
  };
}

/** Log lines at error level go to `logs` (and stderr unless quiet), so tests can assert what was logged. */
export async function startPluginServer(opts: {
  backend: TestBackend;
  plugins?: InlinePlugin[];
  config?: Partial<Config>;
  logs?: string[];
  /** An existing database (several instances); not disposed by close(). */
  database?: TestDatabase;
}): Promise<PluginServer> {
  const db = opts.database ?? (await createTestDatabase(opts.backend));
  const dataDir = mkdtempSync(join(tmpdir(), 'plinth-plugins-'));
  const cleanup = async () => {
    if (!opts.database) await db.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  };
  let plinth: Plinth;
  try {
    const logger = createLogger('error', (line) => {
      opts.logs?.push(line);
      if (!opts.logs) process.stderr.write(line + '\n');
    });
    plinth = await createPlinth(pluginTestConfig(db.database, dataDir, opts.config), { logger, plugins: opts.plugins });
  } catch (err) {
    await cleanup();
    throw err;
  }
  const { url } = await plinth.listen();
  const admin = sdkClient(url);
  await admin.collection('_superusers').authWithPassword(SUPERUSER.email, SUPERUSER.password);
  return {
    url,
    app: plinth.app,
    plinth,
    admin,
    guest: () => sdkClient(url),
    async close() {
      try {
        await plinth.close();
      } finally {
        await cleanup();
      }
    },
  };
}

/** Awaits a rejected SDK call; returns the PocketBase error (status and envelope). */
export async function apiError(call: Promise<unknown>): Promise<ClientResponseError> {
  const err = await call.then(
    (value) => {
      throw new Error(`expected an error, got ${JSON.stringify(value)}`);
    },
    (e: unknown) => e,
  );
  if (!(err instanceof ClientResponseError)) throw err;
  return err;
}

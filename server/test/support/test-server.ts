/**
 * A real Plinth on 127.0.0.1 (random port) over a fresh test database, with one superuser, for tests that
 * talk HTTP (usually through the official SDK). close() stops the server and drops the database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../../src/config/config.js';
import type { App } from '../../src/core/app.js';
import { createLogger } from '../../src/core/logger.js';
import type { ClientLimits } from '../../src/realtime/realtime-client.js';
import { createPlinth } from '../../src/server.js';
import { createTestDatabase, type TestBackend, type TestDatabase } from './test-database.js';

export interface TestServer {
  url: string;
  app: App;
  superuser: { email: string; password: string };
  /** The data dir (record files live under `<dataDir>/storage`). */
  dataDir: string;
  close(): Promise<void>;
}

export async function startTestServer(opts: {
  backend: TestBackend;
  bodyLimit?: number;
  dataDir?: string;
  realtimeLimits?: ClientLimits;
  /** A database shared with other servers (several instances of one Plinth); then it is the caller's to dispose. */
  database?: TestDatabase;
}): Promise<TestServer> {
  const db = opts.database ? { ...opts.database, dispose: async () => undefined } : await createTestDatabase(opts.backend);
  // A fresh data dir per server unless one is given (then it is the caller's to remove).
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'plinth-test-'));
  const removeDataDir = () => {
    if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  const superuser = { email: 'root@example.com', password: 'root-pass-1234' };
  const config: Config = {
    http: { host: '127.0.0.1', port: 0 },
    dataDir,
    database: db.database,
    redisUrl: null,
    superuser,
    bodyLimit: opts.bodyLimit ?? 32 * 1024 * 1024,
    logLevel: 'error',
  };
  let plinth;
  try {
    // Only errors are printed: a 500 in a test should show its cause.
    plinth = await createPlinth(config, {
      logger: createLogger('error', (line) => process.stderr.write(line + '\n')),
      realtimeLimits: opts.realtimeLimits,
    });
  } catch (err) {
    await db.dispose();
    removeDataDir();
    throw err;
  }
  const { url } = await plinth.listen();
  return {
    url,
    app: plinth.app,
    superuser,
    dataDir,
    async close() {
      try {
        await plinth.close();
      } finally {
        await db.dispose();
        removeDataDir();
      }
    },
  };
}

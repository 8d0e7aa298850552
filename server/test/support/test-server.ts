/**
 * A real Plinth on 127.0.0.1 (random port) over a fresh test database, with one superuser, for tests that
 * talk HTTP (usually through the official SDK). close() stops the server and drops the database.
 */
import type { Config } from '../../src/config/config.js';
import type { App } from '../../src/core/app.js';
import { createLogger } from '../../src/core/logger.js';
import { createPlinth } from '../../src/server.js';
import { createTestDatabase } from './test-database.js';

export interface TestServer {
  url: string;
  app: App;
  superuser: { email: string; password: string };
  close(): Promise<void>;
}

export async function startTestServer(opts: { backend: 'pglite' | 'postgres'; bodyLimit?: number }): Promise<TestServer> {
  const db = await createTestDatabase(opts.backend);
  const superuser = { email: 'root@example.com', password: 'root-pass-1234' };
  const config: Config = {
    http: { host: '127.0.0.1', port: 0 },
    dataDir: '',
    database: db.database,
    redisUrl: null,
    superuser,
    bodyLimit: opts.bodyLimit ?? 32 * 1024 * 1024,
    logLevel: 'error',
  };
  let plinth;
  try {
    // Only errors are printed: a 500 in a test should show its cause.
    plinth = await createPlinth(config, { logger: createLogger('error', (line) => process.stderr.write(line + '\n')) });
  } catch (err) {
    await db.dispose();
    throw err;
  }
  const { url } = await plinth.listen();
  return {
    url,
    app: plinth.app,
    superuser,
    async close() {
      try {
        await plinth.close();
      } finally {
        await db.dispose();
      }
    },
  };
}

/**
 * A real App (the composition root's `bootApp`, without HTTP, event consumers or job workers) on a fresh test
 * database, for use-case tests below the HTTP layer. One composition path: no hand-built App literals.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config.js';
import type { App } from '../../src/core/app.js';
import { silentLogger } from '../../src/core/logger.js';
import { bootApp } from '../../src/server.js';
import { createTestDatabase, type TestBackend } from './test-database.js';

export interface TestApp {
  app: App;
  close(): Promise<void>;
}

export async function startTestApp(backend: TestBackend): Promise<TestApp> {
  const db = await createTestDatabase(backend);
  const dataDir = mkdtempSync(join(tmpdir(), 'plinth-app-'));
  const config = { ...loadConfig({ PLINTH_DATA_DIR: dataDir, PLINTH_LOG_LEVEL: 'error' }), database: db.database };
  const app = await bootApp(config, silentLogger);
  return {
    app,
    async close() {
      await app.storage.close();
      await db.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

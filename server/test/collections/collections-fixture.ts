/** A real App over an embedded PGlite database for the collection use-case tests. */
import type { App } from '../../src/core/app.js';
import { ensureBuiltinCollections } from '../../src/core/collections/collection-builtins.js';
import { createCollectionRegistry } from '../../src/core/collections/registry.js';
import { silentLogger } from '../../src/core/logger.js';
import type { SettingsService } from '../../src/core/settings/settings.js';
import type { Config } from '../../src/config/config.js';
import { createStorage } from '../../src/storage/create-storage.js';
import { createTestDatabase, type TestBackend } from '../support/test-database.js';

const settingsStub: SettingsService = {
  get: () => ({
    meta: { appName: 'Plinth', appURL: 'http://127.0.0.1', senderName: '', senderAddress: '', hideControls: false },
    batch: { enabled: false, maxRequests: 50, timeout: 3, maxBodySize: 0 },
  }),
  update: async () => settingsStub.get(),
  load: async () => {},
};

export interface CollectionsFixture {
  app: App;
  /** A second App on the same storage, as another instance would have. */
  sibling(): App;
  close(): Promise<void>;
}

export async function collectionsFixture(backend: TestBackend = 'pglite'): Promise<CollectionsFixture> {
  const db = await createTestDatabase(backend);
  const storage = await createStorage(db.database, silentLogger);
  await storage.migrate();
  const config = { database: db.database } as unknown as Config;
  const make = (): App => ({
    config,
    storage,
    collections: createCollectionRegistry(),
    settings: settingsStub,
    logger: silentLogger,
    now: () => new Date(),
  });
  const app = make();
  await ensureBuiltinCollections(app);
  return {
    app,
    sibling: make,
    async close() {
      await storage.close();
      await db.dispose();
    },
  };
}

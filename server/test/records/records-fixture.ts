/**
 * A real App on an embedded PGlite database for the records use-case tests, plus helpers to act as a guest,
 * a superuser or an authenticated user.
 */
import type { App } from '../../src/core/app.js';
import { createCollection } from '../../src/core/collections/collection-create.js';
import { ensureBuiltinCollections } from '../../src/core/collections/collection-builtins.js';
import type { Collection } from '../../src/core/collections/model.js';
import { createCollectionRegistry } from '../../src/core/collections/registry.js';
import { silentLogger } from '../../src/core/logger.js';
import { createRecord } from '../../src/core/records/record-create.js';
import type { RecordJSON, RecordsContext } from '../../src/core/records/records-context.js';
import { idEquals } from '../../src/core/rules/condition-build.js';
import type { SettingsService } from '../../src/core/settings/settings.js';
import type { Config } from '../../src/config/config.js';
import { emptyRequestInfo, type RequestInfo } from '../../src/filter/request.js';
import { createStorage } from '../../src/storage/create-storage.js';
import { createTestDatabase } from '../support/test-database.js';

export interface RecordsFixture {
  app: App;
  guest(request?: Partial<RequestInfo>): RecordsContext;
  superuser(): RecordsContext;
  /** Acts as the given auth record (as stored; looked up fresh so tokenKey/password changes are seen). */
  as(collection: string, id: string, request?: Partial<RequestInfo>): Promise<RecordsContext>;
  collection(input: Record<string, unknown>): Promise<Collection>;
  /** Creates a record as superuser. */
  seed(collection: string, body: Record<string, unknown>): Promise<RecordJSON>;
  /** The stored row, bypassing rules and serialization. */
  row(collection: string, id: string): Promise<Record<string, unknown> | undefined>;
  close(): Promise<void>;
}

const settingsStub: SettingsService = {
  get: () => ({
    meta: { appName: 'Plinth', appURL: 'http://127.0.0.1', senderName: '', senderAddress: '', hideControls: false },
    batch: { enabled: false, maxRequests: 50, timeout: 3, maxBodySize: 0 },
  }),
  update: async () => settingsStub.get(),
  load: async () => {},
};

export async function startRecordsFixture(): Promise<RecordsFixture> {
  const db = await createTestDatabase('pglite');
  const config = { database: db.database, logLevel: 'error' } as Config;
  const storage = await createStorage(db.database, silentLogger);
  await storage.migrate();
  const app: App = {
    config,
    storage,
    collections: createCollectionRegistry(),
    settings: settingsStub,
    logger: silentLogger,
    now: () => new Date(),
  };
  await ensureBuiltinCollections(app);

  const context = (request: RequestInfo, isSuperuser: boolean): RecordsContext => ({
    app,
    session: app.storage,
    caller: { request, isSuperuser },
  });
  const superuser = () => context(emptyRequestInfo(), true);
  const row = async (collection: string, id: string) => {
    const c = app.collections.require(collection);
    const rows = await app.storage.find({ table: app.collections.table(c), where: idEquals(id) });
    return rows[0];
  };

  return {
    app,
    guest: (request = {}) => context({ ...emptyRequestInfo(), ...request }, false),
    superuser,
    async as(collection, id, request = {}) {
      const c = app.collections.require(collection);
      const record = await row(collection, id);
      if (!record) throw new Error(`no ${collection}/${id}`);
      const auth = { id, collectionId: c.id, collectionName: c.name, record };
      return context({ ...emptyRequestInfo(), ...request, auth }, c.name === '_superusers');
    },
    collection: (input) => createCollection(app, input),
    seed: (collection, body) => createRecord(superuser(), collection, body, {}),
    row,
    async close() {
      await storage.close();
      await db.dispose();
    },
  };
}

export const open = { listRule: '', viewRule: '', createRule: '', updateRule: '', deleteRule: '' };

/** Awaits a rejection and returns the AppError-like object for assertions. */
export async function rejection(call: Promise<unknown>): Promise<{ status: number; message: string; data: Record<string, any> }> {
  try {
    await call;
  } catch (err) {
    return err as { status: number; message: string; data: Record<string, any> };
  }
  throw new Error('expected a rejection');
}

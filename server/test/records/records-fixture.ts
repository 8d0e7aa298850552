/**
 * A real App on a fresh test database (the first configured backend) for the records use-case tests, plus helpers to act as a guest,
 * a superuser or an authenticated user.
 */
import type { App } from '../../src/core/app.js';
import { createCollection } from '../../src/core/collections/collection-create.js';
import type { Collection } from '../../src/core/collections/model.js';
import { createRecord } from '../../src/core/records/record-create.js';
import type { RecordJSON, RecordsContext } from '../../src/core/records/records-context.js';
import { idEquals } from '../../src/core/rules/condition-build.js';
import { emptyRequestInfo, type RequestInfo } from '../../src/filter/request.js';
import { testBackends } from '../support/test-database.js';
import { startTestApp } from '../support/test-app.js';

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

/** On the first configured backend (PGlite unless PLINTH_TEST_BACKENDS says otherwise). */
export async function startRecordsFixture(): Promise<RecordsFixture> {
  const { app, close } = await startTestApp(testBackends[0] ?? 'pglite');

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
    close,
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

/**
 * The StorageAdapter over MongoDB-compatible servers (MongoDB, FerretDB). A session wraps a scope: the
 * database plus, inside a real transaction, its ClientSession.
 *
 * Transactions: on a replica set or sharded cluster, `transaction(fn)` is a multi-document transaction;
 * MongoDB has no savepoints, so a nested call joins the outer transaction (a failure inside it aborts the
 * whole transaction once it reaches the top). Where the deployment has none (standalone, FerretDB v1), fn runs
 * directly without rollback, `capabilities.transactions` is false and the adapter says so once at start.
 */
import type { ClientSession } from 'mongodb';
import type { Logger } from '../../core/logger.js';
import type {
  Capabilities,
  CountQuery,
  FindQuery,
  RecordData,
  StorageAdapter,
  StorageSession,
  StoredCollection,
  TableSchema,
} from '../port.js';
import {
  deleteCatalogue,
  dropSequence,
  getKv,
  insertCatalogue,
  listCatalogue,
  migrateCatalogue,
  setKv,
  updateCatalogue,
} from './mongo-catalogue.js';
import { type MongoConnection, type MongoScope, openMongo } from './mongo-connection.js';
import { translating } from './mongo-errors.js';
import { countRecords, deleteRecord, findRecords, insertRecord, truncateRecords, updateRecord } from './mongo-records.js';
import { alterPhysical, createPhysical, dropPhysical } from './mongo-schema.js';

class MongoSession implements StorageSession {
  constructor(
    protected readonly scope: MongoScope,
    protected readonly connection: MongoConnection,
  ) {}

  listCollections(): Promise<StoredCollection[]> {
    return translating(() => listCatalogue(this.scope));
  }

  /** The physical collection first: if it cannot be created, no catalogue entry is left behind. */
  createCollection(table: TableSchema, document: unknown): Promise<void> {
    return translating(async () => {
      await createPhysical(this.scope, table);
      try {
        await insertCatalogue(this.scope, table.id, document);
      } catch (err) {
        await dropPhysical(this.scope, table).catch(() => undefined);
        throw err;
      }
    });
  }

  updateCollection(prev: TableSchema, next: TableSchema, document: unknown): Promise<void> {
    return translating(async () => {
      await alterPhysical(this.scope, prev, next);
      await updateCatalogue(this.scope, next.id, document);
    });
  }

  deleteCollection(table: TableSchema): Promise<void> {
    return translating(async () => {
      await deleteCatalogue(this.scope, table.id);
      await dropPhysical(this.scope, table);
      await dropSequence(this.scope, table.id);
    });
  }

  find(query: FindQuery): Promise<RecordData[]> {
    return translating(() => findRecords(this.scope, query));
  }

  count(query: CountQuery): Promise<number> {
    return translating(() => countRecords(this.scope, query));
  }

  insert(table: TableSchema, data: RecordData): Promise<RecordData> {
    return translating(() => insertRecord(this.scope, table, data));
  }

  update(table: TableSchema, id: string, data: RecordData): Promise<RecordData | null> {
    return translating(() => updateRecord(this.scope, table, id, data));
  }

  delete(table: TableSchema, id: string): Promise<boolean> {
    return translating(() => deleteRecord(this.scope, table, id));
  }

  truncate(table: TableSchema): Promise<void> {
    return translating(() => truncateRecords(this.scope, table));
  }

  getValue(key: string): Promise<unknown | undefined> {
    return translating(() => getKv(this.scope, key));
  }

  setValue(key: string, value: unknown): Promise<void> {
    return translating(() => setKv(this.scope, key, value));
  }

  async transaction<T>(fn: (tx: StorageSession) => Promise<T>): Promise<T> {
    if (!this.connection.supportsTransactions || this.scope.session) return fn(this);
    const session = this.connection.client.startSession();
    try {
      return await runInTransaction(session, () => fn(new MongoSession({ db: this.scope.db, session }, this.connection)));
    } finally {
      await session.endSession();
    }
  }
}

async function runInTransaction<T>(session: ClientSession, fn: () => Promise<T>): Promise<T> {
  session.startTransaction();
  let result: T;
  try {
    result = await fn();
  } catch (err) {
    await session.abortTransaction().catch(() => undefined);
    throw err;
  }
  await translating(() => session.commitTransaction());
  return result;
}

export class MongoStorage extends MongoSession implements StorageAdapter {
  readonly capabilities: Capabilities;
  readonly dialect = 'mongodb';

  constructor(connection: MongoConnection) {
    super({ db: connection.db }, connection);
    this.capabilities = { transactions: connection.supportsTransactions, viewCollections: false };
  }

  migrate(): Promise<void> {
    return translating(() => migrateCatalogue(this.scope));
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}

export async function createMongoStorage(url: string, logger: Logger): Promise<StorageAdapter> {
  const connection = await translating(() => openMongo(url));
  const storage = new MongoStorage(connection);
  if (!connection.supportsTransactions) {
    logger.warn('MongoDB deployment without multi-document transactions (standalone server or FerretDB): nothing is atomic across documents', {
      notAtomic: [
        'transaction(): work is applied as it runs and is not rolled back when it fails',
        'collection create/update/delete: the collection, its indexes and the catalogue entry change in separate steps',
        'record writes with emulated (case-insensitive or partial) unique indexes: the shadow key and the record are one document, but a failed multi-step change is not undone',
        'record id changes: insert of the new document then delete of the old one',
      ],
    });
  }
  logger.info('storage opened', { dialect: storage.dialect, database: connection.db.databaseName, transactions: connection.supportsTransactions });
  return storage;
}

/**
 * A storage session over MongoDB-compatible servers: the operations available both on the adapter and inside
 * `transaction(fn)`. A session wraps a scope: the database, inside a real transaction its ClientSession, and
 * inside any transaction level the undo journal (and, without real transactions, the commit marker).
 * See README.md, "Transactions".
 */
import { randomUUID } from 'node:crypto';
import type { ClientSession } from 'mongodb';
import type { Logger } from '../../core/logger.js';
import type {
  CountQuery,
  FindQuery,
  OutboxEvent,
  RecordData,
  SearchIndexSpec,
  SearchQuery,
  StorageSession,
  StoredCollection,
  TableSchema,
} from '../port.js';
import {
  deleteCatalogue,
  deleteKv,
  dropSequence,
  getCatalogue,
  getKv,
  insertCatalogue,
  listCatalogue,
  setKv,
  updateCatalogue,
} from './mongo-catalogue.js';
import { type MongoConnection, type MongoScope, outsideTransaction } from './mongo-connection.js';
import { translateError, translating } from './mongo-errors.js';
import { Journal } from './mongo-journal.js';
import { type EventWatchers, assertNewIds, insertPending } from './mongo-outbox.js';
import { countRecords, deleteRecord, findRecords, insertRecord, insertRecords, truncateRecords, updateRecord } from './mongo-records.js';
import { alterPhysical, createPhysical, dropPhysical } from './mongo-schema.js';
import { searchRecords } from './mongo-search.js';
import { withRecord } from '../with-record.js';
import { ensureSearchIndex } from './mongo-search-index.js';
import { TX_LEASE_MS, type TxMarker, commitMarked } from './mongo-tx-markers.js';

/** Per outermost transaction: the events appended so far, written when it ends (README.md, "Outbox"). */
export interface TxState {
  events: OutboxEvent[];
}

/** Process-wide parts shared by the adapter and its sessions. */
export interface Shared {
  connection: MongoConnection;
  watchers: EventWatchers;
  logger: Logger;
}

export class MongoSession implements StorageSession {
  constructor(
    protected readonly scope: MongoScope,
    protected readonly shared: Shared,
    /** Set inside a transaction (real or, without support, a plain run of fn). */
    private readonly tx?: TxState,
  ) {}

  listCollections(): Promise<StoredCollection[]> {
    return translating(() => listCatalogue(this.scope));
  }

  /** The physical collection first: if it cannot be created, no catalogue entry is left behind. */
  createCollection(table: TableSchema, document: unknown): Promise<void> {
    return translating(async () => {
      const ddl = outsideTransaction(this.scope);
      await createPhysical(ddl, table);
      try {
        await insertCatalogue(this.scope, table.id, document);
      } catch (err) {
        await dropPhysical(ddl, table).catch(() => undefined);
        throw err;
      }
      this.scope.journal?.custom(async (s) => {
        await deleteCatalogue(s, table.id);
        await dropPhysical(outsideTransaction(s), table);
        await dropSequence(s, table.id);
      }, true);
    });
  }

  /** Undone by the reverse schema change (values of dropped columns come back as defaults). */
  updateCollection(prev: TableSchema, next: TableSchema, document: unknown): Promise<void> {
    return translating(async () => {
      const before = this.scope.journal ? await getCatalogue(this.scope, next.id) : undefined;
      await alterPhysical(outsideTransaction(this.scope), prev, next);
      this.scope.journal?.custom(async (s) => {
        await alterPhysical(outsideTransaction(s), next, prev);
        if (before !== undefined) await updateCatalogue(s, prev.id, before);
      }, true);
      await updateCatalogue(this.scope, next.id, document);
    });
  }

  /** Undone as an empty collection: the dropped records cannot come back without a transaction log. */
  deleteCollection(table: TableSchema): Promise<void> {
    return translating(async () => {
      const before = this.scope.journal ? await getCatalogue(this.scope, table.id) : undefined;
      await deleteCatalogue(this.scope, table.id);
      await dropPhysical(outsideTransaction(this.scope), table);
      await dropSequence(this.scope, table.id);
      this.scope.journal?.custom(async (s) => {
        await createPhysical(outsideTransaction(s), table);
        if (before !== undefined) await insertCatalogue(s, table.id, before);
      }, true);
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

  insertMany(table: TableSchema, rows: RecordData[]): Promise<void> {
    return translating(() => insertRecords(this.scope, table, rows));
  }

  update(table: TableSchema, id: string, data: RecordData): Promise<RecordData | null> {
    return translating(() => updateRecord(this.scope, table, id, data));
  }

  delete(table: TableSchema, id: string): Promise<boolean> {
    return translating(() => deleteRecord(this.scope, table, id));
  }

  /** Here simply the write and its event in a transaction (one of its own when none is open). */
  insertWithEvent(table: TableSchema, data: RecordData, event: OutboxEvent): Promise<RecordData> {
    return this.writeThenAppend((s) => s.insert(table, data), event) as Promise<RecordData>;
  }

  updateWithEvent(table: TableSchema, id: string, data: RecordData, event: OutboxEvent): Promise<RecordData | null> {
    return this.writeThenAppend((s) => s.update(table, id, data), event);
  }

  private writeThenAppend(write: (s: StorageSession) => Promise<RecordData | null>, event: OutboxEvent): Promise<RecordData | null> {
    const run = async (s: StorageSession) => {
      const stored = await write(s);
      if (stored) await s.appendEvents([withRecord(event, stored)]);
      return stored;
    };
    return this.tx ? run(this) : this.transaction(run);
  }

  truncate(table: TableSchema): Promise<void> {
    return translating(() => truncateRecords(this.scope, table));
  }

  ensureSearchIndex(spec: SearchIndexSpec): Promise<void> {
    return translating(() => ensureSearchIndex(this.scope, spec));
  }

  searchRecords(query: SearchQuery): Promise<{ rows: RecordData[]; total: number }> {
    return translating(() => searchRecords(this.scope, query));
  }

  getValue(key: string): Promise<unknown | undefined> {
    return translating(() => getKv(this.scope, key));
  }

  setValue(key: string, value: unknown): Promise<void> {
    return translating(async () => {
      if (this.scope.journal) {
        const before = await getKv(this.scope, key);
        this.scope.journal.custom((s) => (before === undefined ? deleteKv(s, key) : setKv(s, key, before)));
      }
      await setKv(this.scope, key, value);
    });
  }

  appendEvents(events: OutboxEvent[]): Promise<void> {
    if (this.tx) {
      this.tx.events.push(...events);
      return Promise.resolve();
    }
    return translating(async () => {
      await insertPending(this.scope, events);
      if (events.length) this.shared.watchers.committed();
    });
  }

  /**
   * The outermost call opens a real transaction when the deployment has them; every level keeps an undo
   * journal, so a nested level that throws is undone alone (MongoDB has no savepoints) and, without
   * transactions, the outermost one is compensated. Events of a level that throws are dropped with its work.
   */
  async transaction<T>(fn: (tx: StorageSession) => Promise<T>): Promise<T> {
    if (this.tx) return this.nested(this.tx, fn);
    const tx: TxState = { events: [] };
    if (!this.shared.connection.supportsTransactions) return this.compensated(tx, fn);
    const session = this.shared.connection.client.startSession();
    const journal = new Journal({ ...this.scope, session });
    const scope: MongoScope = { ...this.scope, session, journal };
    try {
      const result = await runInTransaction(
        session,
        async () => {
          const value = await fn(new MongoSession(scope, this.shared, tx));
          await insertPending(scope, tx.events);
          return value;
        },
        () => undoQuietly(this.shared, () => journal.rollback(true)),
      );
      if (tx.events.length) this.shared.watchers.committed();
      return result;
    } finally {
      await session.endSession();
    }
  }

  private async nested<T>(tx: TxState, fn: (tx: StorageSession) => Promise<T>): Promise<T> {
    const journal = new Journal(this.scope);
    const level: TxState = { events: [] };
    try {
      const result = await fn(new MongoSession({ ...this.scope, journal }, this.shared, level));
      this.scope.journal?.adopt(journal);
      tx.events.push(...level.events);
      return result;
    } catch (err) {
      await undoQuietly(this.shared, () => journal.rollback());
      throw err;
    }
  }

  /**
   * Without transactions: the work is applied as fn runs, compensated from the journal if fn throws, and
   * committed together with its events through the documents' markers (mongo-tx-markers.ts).
   */
  private async compensated<T>(tx: TxState, fn: (tx: StorageSession) => Promise<T>): Promise<T> {
    const journal = new Journal(this.scope);
    const marker: TxMarker = { id: randomUUID(), until: Date.now() + TX_LEASE_MS, written: [] };
    let result: T;
    try {
      result = await fn(new MongoSession({ ...this.scope, journal, marker }, this.shared, tx));
      await translating(() => assertNewIds(this.scope, tx.events.map((e) => e.id)));
    } catch (err) {
      await undoQuietly(this.shared, () => journal.rollback());
      throw err;
    }
    await translating(() => commitMarked(this.scope, marker, tx.events));
    if (tx.events.length) this.shared.watchers.committed();
    return result;
  }
}

/**
 * The error that made fn fail is what the caller must see (a hook's 403 stays a 403): a compensation step that
 * fails too is logged, not thrown in its place.
 */
async function undoQuietly(shared: Shared, undo: () => Promise<void>): Promise<void> {
  try {
    await undo();
  } catch (err) {
    shared.logger.warn('MongoDB: undoing a failed transaction did not complete', { error: String(translateError(err)) });
  }
}

async function runInTransaction<T>(session: ClientSession, fn: () => Promise<T>, undoOutside: () => Promise<void>): Promise<T> {
  session.startTransaction();
  let result: T;
  try {
    result = await fn();
  } catch (err) {
    await session.abortTransaction().catch(() => undefined);
    await undoOutside();
    throw translateError(err);
  }
  try {
    await session.commitTransaction();
  } catch (err) {
    await undoOutside();
    throw translateError(err);
  }
  return result;
}

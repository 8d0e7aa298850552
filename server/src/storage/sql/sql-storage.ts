/**
 * The StorageAdapter over knex (PostgreSQL or PGlite). A session wraps either the root knex or a transaction;
 * everything inside a transaction goes through that transaction's handle, never the root: PGlite has a single
 * connection, so touching the root while a transaction holds it would wait forever.
 */
import type { Knex } from 'knex';
import type { Logger } from '../../core/logger.js';
import type {
  Capabilities,
  CountQuery,
  FindQuery,
  JobClaim,
  JobOutcome,
  NewJob,
  OutboxEvent,
  RecordData,
  StorageAdapter,
  StorageSession,
  StoredCollection,
  StoredJob,
  StoredJobState,
  StoredOutboxEvent,
  TableSchema,
  SearchIndexSpec,
  SearchQuery,
} from '../port.js';
import type { SqlConnection } from './sql-connection.js';
import { alterTable, createTable, dropTable } from './sql-ddl.js';
import { translating } from './sql-errors.js';
import { EVENTS_CHANNEL, EventSignal } from './sql-event-signal.js';
import { MESSAGES_CHANNEL, SqlMessageBus } from './sql-message-bus.js';
import * as jobs from './sql-jobs.js';
import { COLLECTIONS_TABLE, KV_TABLE, migrate } from './sql-migrations.js';
import { insertEvents, latestEventSeq, type PendingEvents, pruneEvents, readEvents } from './sql-outbox.js';
import {
  countRecords, deleteRecord, findRecords, insertRecord, insertRecordWithEvent, insertRecords, insertRecordsWithEvents, truncateRecords, updateRecord,
  updateRecordWithEvent, updateRecordsWithEvents,
} from './sql-records.js';
import { withRecord } from '../with-record.js';
import { ensureSearchIndex, searchRecords } from './sql-search.js';
import { KeyLookups, idLookups, singleKeyLookup } from './sql-key-lookups.js';
import { type GatherableWrite, GatheredWrites } from './sql-gathered-writes.js';

class SqlSession implements StorageSession {
  constructor(
    protected readonly db: Knex,
    private readonly inTransaction: boolean,
    protected readonly signal: EventSignal,
    /** Events appended in this transaction, written at the outermost commit (sql-outbox.ts). */
    private readonly pending: PendingEvents = [],
  ) {}

  /** Catalogue and DDL change together or not at all. */
  private atomically<T>(fn: (session: SqlSession) => Promise<T>): Promise<T> {
    return this.inTransaction ? fn(this) : this.transaction((tx) => fn(tx as SqlSession));
  }

  listCollections(): Promise<StoredCollection[]> {
    return translating(async () => {
      const rows = await this.db(COLLECTIONS_TABLE).select('id', 'document').orderBy('position', 'asc');
      return rows.map((row: { id: string; document: unknown }) => ({ id: row.id, document: row.document }));
    });
  }

  createCollection(table: TableSchema, document: unknown): Promise<void> {
    return this.atomically((s) =>
      translating(async () => {
        await s.db(COLLECTIONS_TABLE).insert({ id: table.id, document: s.db.raw('?::jsonb', [JSON.stringify(document)]) });
        await createTable(s.db, table);
      }, table),
    );
  }

  updateCollection(prev: TableSchema, next: TableSchema, document: unknown): Promise<void> {
    return this.atomically((s) =>
      translating(async () => {
        await s.db(COLLECTIONS_TABLE).where('id', next.id).update({ document: s.db.raw('?::jsonb', [JSON.stringify(document)]) });
        await alterTable(s.db, prev, next);
      }, next),
    );
  }

  deleteCollection(table: TableSchema): Promise<void> {
    return this.atomically((s) =>
      translating(async () => {
        await s.db(COLLECTIONS_TABLE).where('id', table.id).del();
        await dropTable(s.db, table);
      }, table),
    );
  }

  find(query: FindQuery): Promise<RecordData[]> {
    return translating(() => findRecords(this.db, query), query.table);
  }

  count(query: CountQuery): Promise<number> {
    return translating(() => countRecords(this.db, query), query.table);
  }

  insert(table: TableSchema, data: RecordData): Promise<RecordData> {
    return translating(() => insertRecord(this.db, table, data), table);
  }

  insertMany(table: TableSchema, rows: RecordData[]): Promise<void> {
    return translating(() => insertRecords(this.db, table, rows), table);
  }

  update(table: TableSchema, id: string, data: RecordData): Promise<RecordData | null> {
    return translating(() => updateRecord(this.db, table, id, data), table);
  }

  insertWithEvent(table: TableSchema, data: RecordData, event: OutboxEvent): Promise<RecordData> {
    if (this.inTransaction) return this.writeThenAppend(() => this.insert(table, data), event) as Promise<RecordData>;
    return this.committing(() => insertRecordWithEvent(this.db, table, data, event), table) as Promise<RecordData>;
  }

  updateWithEvent(table: TableSchema, id: string, data: RecordData, event: OutboxEvent): Promise<RecordData | null> {
    if (this.inTransaction) return this.writeThenAppend(() => this.update(table, id, data), event);
    return this.committing(() => updateRecordWithEvent(this.db, table, id, data, event), table);
  }

  private async writeThenAppend(write: () => Promise<RecordData | null>, event: OutboxEvent): Promise<RecordData | null> {
    const stored = await write();
    if (stored) this.pending.push(withRecord(event, stored));
    return stored;
  }

  /** A single-statement write that committed an event: wakes the consumers as a commit does. */
  private async committing(write: () => Promise<RecordData | null>, table: TableSchema): Promise<RecordData | null> {
    const stored = await translating(write, table);
    if (stored) this.signal.committed();
    return stored;
  }

  delete(table: TableSchema, id: string): Promise<boolean> {
    return translating(() => deleteRecord(this.db, table, id), table);
  }

  truncate(table: TableSchema): Promise<void> {
    return translating(() => truncateRecords(this.db, table), table);
  }

  ensureSearchIndex(spec: SearchIndexSpec): Promise<void> {
    return translating(() => ensureSearchIndex(this.db, spec), spec.table);
  }

  searchRecords(query: SearchQuery): Promise<{ rows: RecordData[]; total: number }> {
    return translating(() => searchRecords(this.db, query), query.table);
  }

  getValue(key: string): Promise<unknown | undefined> {
    return translating(async () => {
      const row = (await this.db(KV_TABLE).where('key', key).first('value')) as { value: unknown } | undefined;
      return row ? row.value : undefined;
    });
  }

  setValue(key: string, value: unknown): Promise<void> {
    return translating(async () => {
      // JSON text keeps null distinct from a missing key (`'null'::jsonb` is a value).
      const json = this.db.raw('?::jsonb', [JSON.stringify(value ?? null)]);
      await this.db(KV_TABLE).insert({ key, value: json }).onConflict('key').merge({ value: json });
    });
  }

  appendEvents(events: OutboxEvent[]): Promise<void> {
    if (this.inTransaction) {
      this.pending.push(...events);
      return Promise.resolve();
    }
    return translating(async () => {
      await insertEvents(this.db, events);
      if (events.length) this.signal.committed();
    });
  }

  /** knex turns a transaction started on a transaction into a savepoint. */
  transaction<T>(fn: (tx: StorageSession) => Promise<T>): Promise<T> {
    return translating(async () => {
      const pending: PendingEvents = [];
      const result = await this.db.transaction(async (trx) => {
        const value = await fn(new SqlSession(trx, true, this.signal, pending));
        // A savepoint hands its events to the enclosing transaction; the outermost one writes them last.
        if (this.inTransaction) this.pending.push(...pending);
        else await insertEvents(trx, pending);
        return value;
      });
      if (!this.inTransaction && pending.length) this.signal.committed();
      return result;
    });
  }
}

export class SqlStorage extends SqlSession implements StorageAdapter {
  readonly capabilities: Capabilities = { transactions: true, viewCollections: true, fullTextSearch: true };
  readonly dialect: 'postgres' | 'pglite';
  readonly messages?: SqlMessageBus;
  private readonly keyLookups: KeyLookups;
  private readonly inserts: GatheredWrites<GatherableWrite & { data: RecordData; event: OutboxEvent }, RecordData>;
  private readonly updates: GatheredWrites<GatherableWrite & { id: string; data: RecordData; event: OutboxEvent }, RecordData | null>;

  constructor(
    private readonly connection: SqlConnection,
    logger: Logger,
  ) {
    const url = connection.listenUrl ?? null;
    const notify = (channel: string) => (payload: string) => connection.knex.raw('SELECT pg_notify(?, ?)', [channel, payload]);
    super(connection.knex, false, new EventSignal(url, logger, url ? notify(EVENTS_CHANNEL) : null));
    this.dialect = connection.dialect;
    this.keyLookups = new KeyLookups(connection.knex);
    const committed = () => this.signal.committed();
    this.inserts = new GatheredWrites(
      (table, inserts) => insertRecordsWithEvents(this.db, table, inserts),
      (table, w) => super.insertWithEvent(table, w.data, w.event),
      committed,
    );
    this.updates = new GatheredWrites(
      (table, updates) => updateRecordsWithEvents(this.db, table, updates),
      (table, w) => super.updateWithEvent(table, w.id, w.data, w.event),
      committed,
    );
    if (url) this.messages = new SqlMessageBus(url, logger, notify(MESSAGES_CHANNEL));
  }

  migrate(): Promise<void> {
    return translating(() => migrate(this.db));
  }

  /** Outside transactions, creates arriving together share a statement (sql-gathered-writes.ts). */
  override insertWithEvent(table: TableSchema, data: RecordData, event: OutboxEvent): Promise<RecordData> {
    // The id matches each event to its row.
    if (typeof data.id !== 'string' || data.id === '') return super.insertWithEvent(table, data, event);
    return this.inserts.add(table, { key: data.id, shape: '', data, event });
  }

  /** Outside transactions, updates arriving together that set the same columns share a statement. */
  override updateWithEvent(table: TableSchema, id: string, data: RecordData, event: OutboxEvent): Promise<RecordData | null> {
    const shape = Object.keys(data).filter((k) => k !== 'id' && data[k] !== undefined).sort().join('\u0000');
    // A change of id, or nothing to set, is written on its own.
    if ((data.id !== undefined && data.id !== id) || shape === '') return super.updateWithEvent(table, id, data, event);
    return this.updates.add(table, { key: id, shape, id, data, event });
  }

  /** Outside transactions, reads by id arriving together share a statement (sql-key-lookups.ts). */
  override find(query: FindQuery): Promise<RecordData[]> {
    const id = singleKeyLookup(query);
    if (id === undefined) return super.find(query);
    return translating(() => this.keyLookups.load(query, id), query.table);
  }

  /** A count of records by id (a relation check) is answered by reads by id, gathered as above. */
  override count(query: CountQuery): Promise<number> {
    const lookups = idLookups(query.where);
    if (lookups === undefined) return super.count(query);
    const distinct = [...new Map(lookups.map((l) => [l.id, l])).values()];
    return translating(async () => {
      const found = await Promise.all(distinct.map((l) => this.keyLookups.load({ table: query.table, where: l.where, limit: 1 }, l.id)));
      return found.filter((rows) => rows.length > 0).length;
    }, query.table);
  }

  // --- outbox ---
  readEvents(afterSeq: number, limit: number): Promise<StoredOutboxEvent[]> {
    return translating(() => readEvents(this.db, afterSeq, limit));
  }

  latestEventSeq(): Promise<number> {
    return translating(() => latestEventSeq(this.db));
  }

  pruneEvents(upToSeq: number, occurredBefore: string): Promise<number> {
    return translating(() => pruneEvents(this.db, upToSeq, occurredBefore));
  }

  watchEvents(listener: () => void): () => void {
    return this.signal.watch(listener);
  }

  // --- in-process jobs ---
  addJob(job: NewJob): Promise<string> {
    return translating(() => jobs.addJob(this.db, job));
  }

  addJobs(list: NewJob[]): Promise<void> {
    return translating(() => jobs.addJobs(this.db, list));
  }

  completeJobs(owner: string, ids: string[], at: number): Promise<void> {
    return translating(() => jobs.completeJobs(this.db, owner, ids, at));
  }

  claimJobs(claim: JobClaim): Promise<StoredJob[]> {
    return translating(() => jobs.claimJobs(this.db, claim));
  }

  extendJobLeases(owner: string, ids: string[], leaseUntil: number): Promise<void> {
    return translating(() => jobs.extendJobLeases(this.db, owner, ids, leaseUntil));
  }

  releaseJobs(owner: string, ids: string[]): Promise<void> {
    return translating(() => jobs.releaseJobs(this.db, owner, ids));
  }

  finishJob(id: string, owner: string, outcome: JobOutcome): Promise<boolean> {
    return translating(() => jobs.finishJob(this.db, id, owner, outcome));
  }

  countJobs(): Promise<{ queue: string; state: StoredJobState; count: number }[]> {
    return translating(() => jobs.countJobs(this.db));
  }

  listJobs(queue: string, state: StoredJobState, offset: number, limit: number): Promise<StoredJob[]> {
    return translating(() => jobs.listJobs(this.db, queue, state, offset, limit));
  }

  retryJob(queue: string, id: string, now: number): Promise<boolean> {
    return translating(() => jobs.retryJob(this.db, queue, id, now));
  }

  removeJob(queue: string, id: string): Promise<boolean> {
    return translating(() => jobs.removeJob(this.db, queue, id));
  }

  pruneJobs(state: 'completed' | 'failed', finishedBefore: number): Promise<number> {
    return translating(() => jobs.pruneJobs(this.db, state, finishedBefore));
  }

  async close(): Promise<void> {
    await this.signal.close();
    await this.messages?.close();
    await this.connection.close();
  }
}

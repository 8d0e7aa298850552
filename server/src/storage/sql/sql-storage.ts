/**
 * The StorageAdapter over knex (PostgreSQL or PGlite). A session wraps either the root knex or a transaction;
 * everything inside a transaction goes through that transaction's handle, never the root: PGlite has a single
 * connection, so touching the root while a transaction holds it would wait forever.
 */
import type { Knex } from 'knex';
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
import type { SqlConnection } from './sql-connection.js';
import { alterTable, createTable, dropTable } from './sql-ddl.js';
import { translating } from './sql-errors.js';
import { COLLECTIONS_TABLE, KV_TABLE, migrate } from './sql-migrations.js';
import { countRecords, deleteRecord, findRecords, insertRecord, truncateRecords, updateRecord } from './sql-records.js';

class SqlSession implements StorageSession {
  constructor(
    protected readonly db: Knex,
    private readonly inTransaction: boolean,
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

  update(table: TableSchema, id: string, data: RecordData): Promise<RecordData | null> {
    return translating(() => updateRecord(this.db, table, id, data), table);
  }

  delete(table: TableSchema, id: string): Promise<boolean> {
    return translating(() => deleteRecord(this.db, table, id), table);
  }

  truncate(table: TableSchema): Promise<void> {
    return translating(() => truncateRecords(this.db, table), table);
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

  /** knex turns a transaction started on a transaction into a savepoint. */
  transaction<T>(fn: (tx: StorageSession) => Promise<T>): Promise<T> {
    return translating(() => this.db.transaction((trx) => fn(new SqlSession(trx, true))));
  }
}

export class SqlStorage extends SqlSession implements StorageAdapter {
  readonly capabilities: Capabilities = { transactions: true, viewCollections: true };
  readonly dialect: 'postgres' | 'pglite';

  constructor(private readonly connection: SqlConnection) {
    super(connection.knex, false);
    this.dialect = connection.dialect;
  }

  migrate(): Promise<void> {
    return translating(() => migrate(this.db));
  }

  close(): Promise<void> {
    return this.connection.close();
  }
}

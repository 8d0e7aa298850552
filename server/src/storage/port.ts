/**
 * The storage port: everything core needs from a database, in core's own terms (collections, records, the
 * resolved filter, sort, pages). Implemented by storage/sql (PostgreSQL, PGlite) and later storage/mongo.
 * Nothing driver-specific may cross this boundary in either direction.
 */
import type { Condition, SortTerm } from '../filter/condition.js';
import type { StorageKind } from '../filter/schema.js';

export type { Condition, SortTerm, StorageKind };

/** A record as stored: field name -> value, with values in their storage shape (see StorageKind). */
export type RecordData = Record<string, unknown>;

export interface ColumnSchema {
  /** Stable field id: a field keeps its id across renames, so adapters match columns by id. */
  id: string;
  name: string;
  storage: StorageKind;
  /** Value given to existing rows when the column is added, and the column default. */
  defaultValue: unknown;
}

export interface IndexColumn {
  name: string;
  /** `COLLATE NOCASE` in the SQLite-style definition: case-insensitive. */
  nocase: boolean;
  desc: boolean;
}

export interface IndexSpec {
  name: string;
  unique: boolean;
  columns: IndexColumn[];
  /** Partial index predicate (paths rooted at the indexed row, literals only). */
  where?: Condition;
}

/** The physical shape of one collection, derived by core from its definition. */
export interface TableSchema {
  id: string;
  name: string;
  /** Always includes `id` (text primary key). */
  columns: ColumnSchema[];
  indexes: IndexSpec[];
}

export interface FindQuery {
  table: TableSchema;
  where?: Condition;
  sort?: SortTerm[];
  limit?: number;
  offset?: number;
}

export interface CountQuery {
  table: TableSchema;
  where?: Condition;
}

export interface Capabilities {
  /** Multi-statement/multi-document transactions with rollback. */
  transactions: boolean;
  /** SQL `viewQuery` collections. */
  viewCollections: boolean;
}

/** Errors adapters raise for constraint violations; core turns them into field errors. */
export type StorageErrorKind = 'unique' | 'not_null' | 'foreign_key' | 'invalid_value' | 'unavailable';

export class StorageError extends Error {
  constructor(
    readonly kind: StorageErrorKind,
    /** Field (column) names involved, when the driver tells. */
    readonly fields: string[],
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

/** The catalogue row of a collection: its id plus the full definition as an opaque document owned by core. */
export interface StoredCollection {
  id: string;
  document: unknown;
}

/** Operations available both on the adapter and inside a transaction. */
export interface StorageSession {
  // --- catalogue (collection definitions) and physical schema, kept in step in one call ---
  listCollections(): Promise<StoredCollection[]>;
  createCollection(table: TableSchema, document: unknown): Promise<void>;
  /** Applies the difference prev -> next (columns matched by id: add, rename, drop; indexes rebuilt). */
  updateCollection(prev: TableSchema, next: TableSchema, document: unknown): Promise<void>;
  deleteCollection(table: TableSchema): Promise<void>;

  // --- records ---
  find(query: FindQuery): Promise<RecordData[]>;
  count(query: CountQuery): Promise<number>;
  /** Inserts and returns the stored row. */
  insert(table: TableSchema, data: RecordData): Promise<RecordData>;
  /** Sets the given columns; returns the stored row, or null when the id does not exist. */
  update(table: TableSchema, id: string, data: RecordData): Promise<RecordData | null>;
  /** Returns false when the id did not exist. */
  delete(table: TableSchema, id: string): Promise<boolean>;
  truncate(table: TableSchema): Promise<void>;

  // --- small system key/value state (settings, schema version of plinth itself is the adapter's business) ---
  getValue(key: string): Promise<unknown | undefined>;
  setValue(key: string, value: unknown): Promise<void>;

  /** Runs fn atomically; nested calls become savepoints. A throw rolls back and rethrows. */
  transaction<T>(fn: (tx: StorageSession) => Promise<T>): Promise<T>;
}

export interface StorageAdapter extends StorageSession {
  readonly capabilities: Capabilities;
  /** A short name for logs: "postgres", "pglite", "mongodb". */
  readonly dialect: string;
  /** Creates or upgrades Plinth's own system schema. Idempotent. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

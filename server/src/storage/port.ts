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
  /** Ranked full-text search over text columns: `ensureSearchIndex` and `searchRecords` are implemented. */
  fullTextSearch?: boolean;
}

/** Full-text search over some text columns of one table, in one language (a text search configuration). */
export interface SearchIndexSpec {
  table: TableSchema;
  /** Text-storage column names, in a stable order (the index covers exactly this list). */
  columns: string[];
  /** `[a-z_]+`, e.g. "simple", "english". */
  language: string;
}

/** Rows whose columns match `text` (web-search syntax: words, "phrases", OR, -not), best match first. */
export interface SearchQuery extends SearchIndexSpec {
  text: string;
  where?: Condition;
  /** Applied after relevance. */
  sort?: SortTerm[];
  limit: number;
  offset: number;
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
  /**
   * Inserts many rows in as few statements as the database allows and returns nothing (bulk appends such as
   * request logs). Atomic only inside a transaction: outside one, a failure may leave earlier rows written.
   */
  insertMany(table: TableSchema, rows: RecordData[]): Promise<void>;
  /** Sets the given columns; returns the stored row, or null when the id does not exist. */
  update(table: TableSchema, id: string, data: RecordData): Promise<RecordData | null>;
  /** Returns false when the id did not exist. */
  delete(table: TableSchema, id: string): Promise<boolean>;
  /**
   * insert/update together with the one outbox event about the row: `event.data` (an object) gets the stored
   * row as its `record`. Atomic also outside a transaction, where adapters may do both in one statement (a
   * write that needs nothing else saves its transaction's round trips); inside one it is the write followed by
   * appendEvents. updateWithEvent appends nothing and returns null when the id does not exist.
   */
  insertWithEvent(table: TableSchema, data: RecordData, event: OutboxEvent): Promise<RecordData>;
  updateWithEvent(table: TableSchema, id: string, data: RecordData, event: OutboxEvent): Promise<RecordData | null>;
  truncate(table: TableSchema): Promise<void>;

  // --- small system key/value state (settings, schema version of plinth itself is the adapter's business) ---
  getValue(key: string): Promise<unknown | undefined>;
  setValue(key: string, value: unknown): Promise<void>;

  // --- outbox of committed domain events (see events/README.md) ---
  /**
   * Appends events atomically with this session's work. In a transaction they become visible only if and when
   * the outermost transaction commits (a rolled-back savepoint drops its own); adapters should write them in
   * one statement just before the commit. Outside a transaction they are written at once.
   */
  appendEvents(events: OutboxEvent[]): Promise<void>;

  // --- full-text search, present when capabilities.fullTextSearch ---
  /** Creates the index serving `searchRecords` for this spec (idempotent); drops the table's other search indexes. */
  ensureSearchIndex?(spec: SearchIndexSpec): Promise<void>;
  searchRecords?(query: SearchQuery): Promise<{ rows: RecordData[]; total: number }>;

  /** Runs fn atomically; nested calls become savepoints. A throw rolls back and rethrows. */
  transaction<T>(fn: (tx: StorageSession) => Promise<T>): Promise<T>;
}

/** A domain event as the outbox stores it; events/domain-event.ts gives `type` and `data` their shapes. */
export interface OutboxEvent {
  /** Unique (a second append of the same id is a storage error). */
  id: string;
  type: string;
  data: unknown;
  /** ISO-8601. */
  occurredAt: string;
}

export interface StoredOutboxEvent extends OutboxEvent {
  /** Assigned by the store on append, increasing; may have gaps (see events/README.md). */
  seq: number;
}

/** Reading and trimming the outbox: used by the event dispatcher only. */
export interface OutboxStore {
  /** Committed events with seq > afterSeq, ascending, at most `limit`. */
  readEvents(afterSeq: number, limit: number): Promise<StoredOutboxEvent[]>;
  /** The highest seq stored, 0 when the outbox is empty. */
  latestEventSeq(): Promise<number>;
  /** Deletes events with seq <= upToSeq that occurred before `occurredBefore` (ISO-8601); returns how many. */
  pruneEvents(upToSeq: number, occurredBefore: string): Promise<number>;
  /**
   * Calls `listener` soon after a commit that appended events: always for this process's commits, and for
   * other processes' where the database can tell (PostgreSQL LISTEN/NOTIFY). A hint only: readers still poll.
   */
  watchEvents(listener: () => void): () => void;
}

/** Jobs of the in-process queue driver (jobs/local-queue.ts); times are epoch milliseconds. */
export type StoredJobState = 'waiting' | 'delayed' | 'active' | 'completed' | 'failed';

export interface NewJob {
  id: string;
  queue: string;
  payload: unknown;
  maxAttempts: number;
  /** Not before this time; `waiting` when due at creation, else `delayed`. */
  runAt: number;
  /** At most one job per (queue, dedupId) exists at a time. */
  dedupId?: string;
  createdAt: number;
}

export interface StoredJob extends Omit<NewJob, 'dedupId'> {
  dedupId: string | null;
  state: StoredJobState;
  /** Attempts that ended (failed or completed); the running attempt is attemptsMade + 1. */
  attemptsMade: number;
  error: string | null;
  stack: string | null;
  finishedAt: number | null;
}

export interface JobClaim {
  queue: string;
  /** Who holds the lease (one id per queue instance). */
  owner: string;
  now: number;
  leaseUntil: number;
  limit: number;
  /**
   * Jobs of this owner whose attempt succeeded, marked completed at `at` in the same round trip as the claim
   * (a worker that finished a job asks for the next one anyway).
   */
  complete?: { ids: string[]; at: number };
}

export type JobOutcome =
  | { state: 'completed'; at: number }
  | { state: 'failed'; at: number; error: string; stack: string | null }
  /** A failed attempt with retries left: runs again at runAt. */
  | { state: 'delayed'; runAt: number; error: string; stack: string | null };

export interface JobStore {
  /** Stores a job; with a dedupId already present in the queue, stores nothing. Returns the stored job's id. */
  addJob(job: NewJob): Promise<string>;
  /** addJob for many jobs in as few statements as the database allows (same dedup rule); returns nothing. */
  addJobs(jobs: NewJob[]): Promise<void>;
  /**
   * Atomically leases up to `limit` jobs of the queue that are due (waiting/delayed with runAt <= now) or
   * active with an expired lease (their holder died), earliest runAt first; marks them active. Concurrent
   * claimers never receive the same job.
   */
  claimJobs(claim: JobClaim): Promise<StoredJob[]>;
  /** Pushes the lease of jobs still held by `owner`. */
  extendJobLeases(owner: string, ids: string[], leaseUntil: number): Promise<void>;
  /** Ends the current attempt (attemptsMade + 1) if `owner` still holds the job; false otherwise. */
  finishJob(id: string, owner: string, outcome: JobOutcome): Promise<boolean>;
  /** finishJob with a `completed` outcome at `at` for every job of `ids` that `owner` still holds. */
  completeJobs(owner: string, ids: string[], at: number): Promise<void>;
  /**
   * Hands jobs still held by `owner` back unfinished (their holder is shutting down): waiting again at once,
   * for any instance to claim, with the interrupted attempt not counted.
   */
  releaseJobs(owner: string, ids: string[]): Promise<void>;
  countJobs(): Promise<{ queue: string; state: StoredJobState; count: number }[]>;
  /** Newest first. */
  listJobs(queue: string, state: StoredJobState, offset: number, limit: number): Promise<StoredJob[]>;
  /** A failed or completed job runs again from its first attempt; false when missing or not finished. */
  retryJob(queue: string, id: string, now: number): Promise<boolean>;
  removeJob(queue: string, id: string): Promise<boolean>;
  /** Deletes jobs in `state` (completed or failed) finished before `finishedBefore`; returns how many. */
  pruneJobs(state: 'completed' | 'failed', finishedBefore: number): Promise<number>;
}

/**
 * Best-effort broadcast between the processes sharing one database (cluster/cluster-channel.ts builds
 * request/reply on it): each subscriber of each process, the publisher's included, receives a message
 * published while it listens; nothing is queued or retried.
 */
export interface MessageBus {
  /** The largest message, in UTF-8 bytes, `publish` accepts (it rejects larger ones). */
  readonly maxMessageBytes: number;
  publish(message: string): Promise<void>;
  subscribe(listener: (message: string) => void): () => void;
}

export interface StorageAdapter extends StorageSession, OutboxStore, JobStore {
  readonly capabilities: Capabilities;
  /** Present where other processes share the database and it can carry messages (PostgreSQL NOTIFY). */
  readonly messages?: MessageBus;
  /** A short name for logs: "postgres", "pglite", "mongodb". */
  readonly dialect: string;
  /** Creates or upgrades Plinth's own system schema. Idempotent. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

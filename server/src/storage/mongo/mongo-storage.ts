/**
 * The StorageAdapter over MongoDB-compatible servers (MongoDB, FerretDB): the session operations
 * (mongo-session.ts) plus migrations, the outbox reader side and the in-process job store.
 * `capabilities.transactions` comes from the deployment (mongo-connection.ts); without transactions the
 * adapter says once at start exactly what is not atomic (README.md, "Transactions").
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../core/logger.js';
import type {
  Capabilities,
  JobClaim,
  JobOutcome,
  NewJob,
  StorageAdapter,
  StoredJob,
  StoredJobState,
  StoredOutboxEvent,
} from '../port.js';
import { migrateCatalogue } from './mongo-catalogue.js';
import { type MongoConnection, openMongo } from './mongo-connection.js';
import { translating } from './mongo-errors.js';
import * as jobs from './mongo-jobs.js';
import { EventWatchers, latestEventSeq, migrateOutbox, moveEvents, pruneEvents, readEvents } from './mongo-outbox.js';
import { MongoSession, type Shared } from './mongo-session.js';
import { SWEEP_MS, sweepMarkers } from './mongo-tx-recovery.js';

export class MongoStorage extends MongoSession implements StorageAdapter {
  readonly capabilities: Capabilities;
  readonly dialect = 'mongodb';
  /** Identifies this process as the outbox mover holding the lease. */
  private readonly moverId = randomUUID();

  constructor(
    private readonly connection: MongoConnection,
    logger: Logger,
  ) {
    const shared: Shared = { connection, watchers: new EventWatchers(), logger };
    super({ db: connection.db, serial: connection.serial }, shared);
    this.capabilities = { transactions: connection.supportsTransactions, viewCollections: false, fullTextSearch: true };
  }

  migrate(): Promise<void> {
    return translating(async () => {
      await migrateCatalogue(this.scope);
      await migrateOutbox(this.scope);
      await jobs.migrateJobs(this.scope);
    });
  }

  // --- outbox: readers first move committed pending events into the ordered outbox ---
  private lastSweep = 0;

  /** The mover's first step: events left in documents, and leftovers of dead transactions (throttled). */
  private readonly collectCarried = async (): Promise<void> => {
    if (Date.now() - this.lastSweep < SWEEP_MS) return;
    this.lastSweep = Date.now();
    await sweepMarkers(this.scope);
  };

  readEvents(afterSeq: number, limit: number): Promise<StoredOutboxEvent[]> {
    return translating(async () => {
      await moveEvents(this.scope, this.moverId, this.collectCarried);
      return readEvents(this.scope, afterSeq, limit);
    });
  }

  latestEventSeq(): Promise<number> {
    return translating(async () => {
      await moveEvents(this.scope, this.moverId, this.collectCarried);
      return latestEventSeq(this.scope);
    });
  }

  pruneEvents(upToSeq: number, occurredBefore: string): Promise<number> {
    return translating(() => pruneEvents(this.scope, upToSeq, occurredBefore));
  }

  watchEvents(listener: () => void): () => void {
    return this.shared.watchers.watch(listener);
  }

  // --- in-process jobs ---
  addJob(job: NewJob): Promise<string> {
    return translating(() => jobs.addJob(this.scope, job));
  }

  /** One at a time: each job's dedup and lease bookkeeping is per document here. */
  addJobs(list: NewJob[]): Promise<void> {
    return translating(async () => {
      for (const job of list) await jobs.addJob(this.scope, job);
    });
  }

  completeJobs(owner: string, ids: string[], at: number): Promise<void> {
    return translating(() => jobs.completeJobs(this.scope, owner, ids, at));
  }

  claimJobs(claim: JobClaim): Promise<StoredJob[]> {
    return translating(() => jobs.claimJobs(this.scope, claim));
  }

  extendJobLeases(owner: string, ids: string[], leaseUntil: number): Promise<void> {
    return translating(() => jobs.extendJobLeases(this.scope, owner, ids, leaseUntil));
  }

  releaseJobs(owner: string, ids: string[]): Promise<void> {
    return translating(() => jobs.releaseJobs(this.scope, owner, ids));
  }

  finishJob(id: string, owner: string, outcome: JobOutcome): Promise<boolean> {
    return translating(() => jobs.finishJob(this.scope, id, owner, outcome));
  }

  countJobs(): Promise<{ queue: string; state: StoredJobState; count: number }[]> {
    return translating(() => jobs.countJobs(this.scope));
  }

  listJobs(queue: string, state: StoredJobState, offset: number, limit: number): Promise<StoredJob[]> {
    return translating(() => jobs.listJobs(this.scope, queue, state, offset, limit));
  }

  retryJob(queue: string, id: string, now: number): Promise<boolean> {
    return translating(() => jobs.retryJob(this.scope, queue, id, now));
  }

  removeJob(queue: string, id: string): Promise<boolean> {
    return translating(() => jobs.removeJob(this.scope, queue, id));
  }

  pruneJobs(state: 'completed' | 'failed', finishedBefore: number): Promise<number> {
    return translating(() => jobs.pruneJobs(this.scope, state, finishedBefore));
  }

  close(): Promise<void> {
    this.shared.watchers.close();
    return this.connection.close();
  }
}

export async function createMongoStorage(url: string, logger: Logger): Promise<StorageAdapter> {
  const connection = await translating(() => openMongo(url));
  const storage = new MongoStorage(connection, logger);
  if (!connection.supportsTransactions) {
    logger.warn('MongoDB deployment without multi-document transactions (standalone server or FerretDB): writes are compensated, not transactional', {
      notAtomic: [
        'a transaction that throws is undone by compensation (before-images): other requests can see its work until then, and concurrent writers are not isolated',
        'a transaction writing several records (batch, cascade delete, id change) is atomic per record document, not across them: a crash mid-commit can keep some and undo others',
        'collection create/update/delete: the collection, its indexes and the catalogue entry change in separate steps (undone as far as possible; records of a dropped collection do not come back)',
      ],
      stillAtomic: 'each record change with its outbox events (single-document commit, crash-safe; see storage/mongo/README.md)',
    });
  }
  logger.info('storage opened', { dialect: storage.dialect, database: connection.db.databaseName, transactions: connection.supportsTransactions });
  return storage;
}

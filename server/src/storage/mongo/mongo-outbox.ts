/**
 * The outbox on MongoDB in two stages (README.md, "Outbox"):
 *  1. pending: appended events land in `_plinth_events_pending` (inside the multi-document transaction when
 *     there is one) or ride inside the record document they describe (`_plinth_outbox`, see
 *     mongo-outbox-carrier.ts) when there is none, so a record and its event are one single-document write;
 *  2. committed: a mover holding a lease copies pending events into `_plinth_events` and only then assigns
 *     `seq`. One mover at a time and seqs handed out after commit make seq order = visibility order: a
 *     reader that saw seq N never later sees an event below N appear (no gaps to wait for).
 * Event data is kept as JSON text so any key of a record's json fields survives.
 */
import type { Document } from 'mongodb';
import type { OutboxEvent, StoredOutboxEvent } from '../port.js';
import { nextSequence } from './mongo-catalogue.js';
import type { MongoScope } from './mongo-connection.js';
import { sessionOptions } from './mongo-connection.js';
import { isDuplicateKey, uniqueError } from './mongo-errors.js';

export const EVENTS = '_plinth_events';
export const PENDING_EVENTS = '_plinth_events_pending';
const LOCKS = '_plinth_locks';
const MOVER_LOCK = 'outbox-mover';
const EVENTS_COUNTER = '_plinth_events';
/** A mover that died holding the lease is replaced after this long. */
const LEASE_MS = 30_000;
const MOVE_BATCH = 200;

/** An event as it waits to be moved: `_id` is the event id, (`at`, `n`) the append order. */
export interface PendingDoc {
  _id: string;
  type: string;
  data: string;
  occurredAt: string;
  at: number;
  n: number;
}

interface EventDoc {
  _id: number;
  id: string;
  type: string;
  data: string;
  occurredAt: string;
}

let appendCounter = 0;

export function toPending(events: OutboxEvent[]): PendingDoc[] {
  const at = Date.now();
  return events.map((e) => ({
    _id: e.id,
    type: e.type,
    data: JSON.stringify(e.data ?? null),
    occurredAt: e.occurredAt,
    at,
    n: (appendCounter = (appendCounter + 1) % Number.MAX_SAFE_INTEGER),
  }));
}

export async function migrateOutbox(scope: MongoScope): Promise<void> {
  await scope.db.collection(EVENTS).createIndex({ id: 1 }, { unique: true, name: 'event_id' });
  await scope.db.collection(PENDING_EVENTS).createIndex({ at: 1, n: 1 }, { name: 'append_order' });
}

/** Refuses ids already appended (pending or moved): the port makes a second append a storage error. */
export async function assertNewIds(scope: MongoScope, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const options = sessionOptions(scope);
  const moved = await scope.db.collection<EventDoc>(EVENTS).findOne({ id: { $in: ids } }, { ...options, projection: { id: 1 } });
  if (moved) throw uniqueError(['id'], new Error(`event ${moved.id} was appended before`));
}

/** Writes events to the pending stage in one statement (inside the scope's transaction, if any). */
export async function insertPending(scope: MongoScope, events: OutboxEvent[]): Promise<void> {
  if (events.length === 0) return;
  await assertNewIds(scope, events.map((e) => e.id));
  try {
    await scope.db.collection<PendingDoc>(PENDING_EVENTS).insertMany(toPending(events), { ordered: true, ...sessionOptions(scope) });
  } catch (err) {
    throw isDuplicateKey(err) ? uniqueError(['id'], err) : err;
  }
}

interface LockDoc {
  _id: string;
  owner: string;
  until: number;
}

/**
 * A lease taken by inserting the lock document: a unique insert is atomic on every MongoDB-compatible server
 * (FerretDB v1's conditional updates are not). A lease past its time (its mover died) is removed and raced
 * for again.
 */
async function acquire(scope: MongoScope, owner: string): Promise<boolean> {
  const locks = scope.db.collection<LockDoc>(LOCKS);
  const take = async () => {
    try {
      await locks.insertOne({ _id: MOVER_LOCK, owner, until: Date.now() + LEASE_MS });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  };
  if (await take()) return true;
  const held = await locks.findOne({ _id: MOVER_LOCK });
  if (held && held.until >= Date.now()) return false;
  if (held) await locks.deleteOne({ _id: MOVER_LOCK, owner: held.owner, until: held.until });
  return take();
}

async function release(scope: MongoScope, owner: string): Promise<void> {
  await scope.db.collection<LockDoc>(LOCKS).deleteOne({ _id: MOVER_LOCK, owner });
}

/**
 * Moves pending events into the committed outbox in append order. Idempotent: an event already moved (the
 * mover died between its insert and the pending delete) is recognised by its unique id and just dropped.
 * `collectCarried` first turns events riding in record documents into pending ones.
 */
export function moveEvents(scope: MongoScope, owner: string, collectCarried: () => Promise<void>): Promise<void> {
  return scope.serial.run('outbox-mover', async () => {
    if (await acquire(scope, owner)) await moveUnderLease(scope, owner, collectCarried);
  });
}

async function moveUnderLease(scope: MongoScope, owner: string, collectCarried: () => Promise<void>): Promise<void> {
  try {
    await collectCarried();
    const pending = scope.db.collection<PendingDoc>(PENDING_EVENTS);
    const events = scope.db.collection<EventDoc>(EVENTS);
    for (;;) {
      const batch = await pending.find({}).sort({ at: 1, n: 1, _id: 1 }).limit(MOVE_BATCH).toArray();
      if (batch.length === 0) return;
      const movedIds = new Set((await events.find({ id: { $in: batch.map((p) => p._id) } }, { projection: { id: 1 } }).toArray()).map((e) => e.id));
      const fresh = batch.filter((p) => !movedIds.has(p._id));
      if (fresh.length) {
        const first = await nextSequence(scope, EVENTS_COUNTER, fresh.length);
        await events.insertMany(
          fresh.map((p, i) => ({ _id: first + i, id: p._id, type: p.type, data: p.data, occurredAt: p.occurredAt })),
          { ordered: true },
        );
      }
      await pending.deleteMany({ _id: { $in: batch.map((p) => p._id) } });
      if (batch.length < MOVE_BATCH) return;
    }
  } finally {
    await release(scope, owner).catch(() => undefined);
  }
}

function fromEventDoc(doc: EventDoc): StoredOutboxEvent {
  return { seq: doc._id, id: doc.id, type: doc.type, data: JSON.parse(doc.data) as unknown, occurredAt: doc.occurredAt };
}

export async function readEvents(scope: MongoScope, afterSeq: number, limit: number): Promise<StoredOutboxEvent[]> {
  const docs = await scope.db
    .collection<EventDoc>(EVENTS)
    .find({ _id: { $gt: afterSeq } })
    .sort({ _id: 1 })
    .limit(Math.max(1, Math.floor(limit)))
    .toArray();
  return docs.map(fromEventDoc);
}

export async function latestEventSeq(scope: MongoScope): Promise<number> {
  const doc = await scope.db.collection<EventDoc>(EVENTS).find({}).sort({ _id: -1 }).limit(1).next();
  return doc ? doc._id : 0;
}

export async function pruneEvents(scope: MongoScope, upToSeq: number, occurredBefore: string): Promise<number> {
  const filter: Document = { _id: { $lte: upToSeq }, occurredAt: { $lt: occurredBefore } };
  return (await scope.db.collection<EventDoc>(EVENTS).deleteMany(filter)).deletedCount;
}

/** Local "events were committed" hints (MongoDB has no LISTEN/NOTIFY; other instances are seen by polling). */
export class EventWatchers {
  private readonly listeners = new Set<() => void>();

  watch(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  committed(): void {
    for (const listener of this.listeners) {
      try {
        listener();
      } catch {
        // a hint only: a failing listener must not fail the commit that fired it
      }
    }
  }

  close(): void {
    this.listeners.clear();
  }
}

/**
 * The sweep behind mongo-tx-markers.ts, run by the outbox mover (at its first run, then every SWEEP_MS):
 * events left in documents by a committed transaction are moved to the pending outbox; documents and parked
 * deletes of a transaction that died before committing (deadline passed) are restored. Every step is
 * idempotent, and conditional on the marker it read, so two sweepers or a late commit do no harm beyond a
 * repeated no-op.
 */
import type { Document } from 'mongodb';
import type { MongoScope } from './mongo-connection.js';
import { isDuplicateKey } from './mongo-errors.js';
import type { PendingDoc } from './mongo-outbox.js';
import { type KeyedDoc, OUTBOX_AT, OUTBOX_FIELD, TRASH, TX_BEFORE, TX_FIELD, TX_UNTIL, insertPendingIdempotent } from './mongo-tx-markers.js';
import { SHADOW_PREFIX } from './mongo-values.js';

export const SWEEP_MS = 30_000;

/** Sparse indexes that keep the sweep from scanning whole collections. */
export async function ensureMarkerIndexes(scope: MongoScope, collection: string): Promise<void> {
  const target = scope.db.collection(collection);
  await target.createIndex({ [TX_UNTIL]: 1 }, { name: TX_UNTIL, sparse: true });
  await target.createIndex({ [OUTBOX_AT]: 1 }, { name: OUTBOX_AT, sparse: true });
}

async function sweepCollection(scope: MongoScope, name: string, now: number): Promise<void> {
  const collection = scope.db.collection<KeyedDoc>(name);
  for (const doc of await collection.find({ [OUTBOX_AT]: { $exists: true } }).toArray()) {
    await insertPendingIdempotent(scope, (doc[OUTBOX_FIELD] ?? []) as PendingDoc[]);
    await collection.updateOne({ _id: doc._id, [OUTBOX_AT]: doc[OUTBOX_AT] }, { $unset: { [OUTBOX_FIELD]: '', [OUTBOX_AT]: '' } });
  }
  for (const doc of await collection.find({ [TX_UNTIL]: { $lt: now } }).toArray()) {
    const before = doc[TX_BEFORE] as Document | null;
    const filter = { _id: doc._id, [TX_FIELD]: doc[TX_FIELD] };
    if (before === null) await collection.deleteOne(filter);
    else await collection.replaceOne(filter, before);
  }
}

async function sweepTrash(scope: MongoScope, now: number): Promise<void> {
  const trash = scope.db.collection<KeyedDoc>(TRASH);
  for (const parked of await trash.find({ $or: [{ committed: true }, { [TX_UNTIL]: { $lt: now } }] }).toArray()) {
    if (parked.committed === true) {
      await insertPendingIdempotent(scope, (parked[OUTBOX_FIELD] ?? []) as PendingDoc[]);
    } else {
      // The delete never committed: the document comes back unless it still exists.
      await scope.db
        .collection<Document>(parked.collection as string)
        .insertOne(parked.doc as Document)
        .catch((err: unknown) => (isDuplicateKey(err) ? undefined : Promise.reject(err)));
    }
    await trash.deleteOne({ _id: parked._id, [TX_FIELD]: parked[TX_FIELD] });
  }
}

/** Sweeps every record collection (all but Plinth's own `_plinth_*` ones) and the trash. */
export async function sweepMarkers(scope: MongoScope): Promise<void> {
  const now = Date.now();
  const names = (await scope.db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
  for (const name of names) {
    if (!name.startsWith(SHADOW_PREFIX) && !name.startsWith('system.')) await sweepCollection(scope, name, now);
  }
  await sweepTrash(scope, now);
}

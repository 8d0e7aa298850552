/**
 * A record change and its outbox event, atomic without multi-document transactions (README.md, "Without
 * transactions"). Core writes the record first and appends its event afterwards, so the event cannot ride in
 * the record write itself; instead every record write inside `transaction(fn)` marks its document as
 * uncommitted, in that same single-document write:
 *   `_plinth_tx` (transaction id), `_plinth_tx_until` (deadline), `_plinth_tx_before` (previous document, or
 *   null when the transaction inserted it).
 * A delete first parks the document in `_plinth_trash` (same marker fields), then deletes it.
 * Commit is one more single-document write on the first written document: it clears the marker and stores
 * the transaction's events in it (`_plinth_outbox`), i.e. the change and its events become durable together.
 * The events are then moved to the pending outbox and cleared from the document; if the process dies before
 * that, the mover's sweep moves them. A marker whose deadline passed belongs to a transaction that died
 * before committing: the sweep restores `_plinth_tx_before` (or removes the inserted document), so the change
 * is gone and so is its event, which was never written.
 *
 * Each document is atomic with the events it carries; a transaction writing several documents is not atomic
 * across them (the others are finalised after the carrier).
 */
import type { Document } from 'mongodb';
import type { OutboxEvent } from '../port.js';
import { type MongoScope, oneRecord } from './mongo-connection.js';
import { isDuplicateKey } from './mongo-errors.js';
import { type PendingDoc, PENDING_EVENTS, toPending } from './mongo-outbox.js';

export const TX_FIELD = '_plinth_tx';
export const TX_UNTIL = '_plinth_tx_until';
export const TX_BEFORE = '_plinth_tx_before';
export const OUTBOX_FIELD = '_plinth_outbox';
export const OUTBOX_AT = '_plinth_outbox_at';
export const TRASH = '_plinth_trash';
const SYSTEM_FIELDS = [TX_FIELD, TX_UNTIL, TX_BEFORE, OUTBOX_FIELD, OUTBOX_AT];

/** Documents keyed by a string id (records, trash entries), never an ObjectId. */
export type KeyedDoc = Document & { _id: string };

/** How long a transaction may run before a sweep treats it as dead and undoes it. */
export const TX_LEASE_MS = 5 * 60_000;

export interface Written {
  collection: string;
  id: string;
  /** 'trash': a delete, parked in `_plinth_trash` under `trashId`. */
  kind: 'doc' | 'trash';
}

/** The transaction a write belongs to (compensated mode only). */
export interface TxMarker {
  id: string;
  until: number;
  written: Written[];
}

export function trashId(collection: string, id: string): string {
  return JSON.stringify([collection, id]);
}

/** A stored document without marker and carrier fields (what `_plinth_tx_before` and the trash keep). */
export function withoutSystemFields(doc: Document): Document {
  const copy = { ...doc };
  for (const field of SYSTEM_FIELDS) delete copy[field];
  return copy;
}

/**
 * The marker fields for a write to `current` (null for an insert). A document this transaction already
 * marked keeps its first before-image: undo returns it to where the transaction found it.
 */
export function markerFields(marker: TxMarker, current: Document | null): Document {
  const before = current === null ? null : current[TX_FIELD] === marker.id ? (current[TX_BEFORE] as Document | null) : withoutSystemFields(current);
  return { [TX_FIELD]: marker.id, [TX_UNTIL]: marker.until, [TX_BEFORE]: before };
}

export function noteWritten(marker: TxMarker, entry: Written): void {
  if (!marker.written.some((w) => w.kind === entry.kind && w.collection === entry.collection && w.id === entry.id)) marker.written.push(entry);
}

/** Parks a document about to be deleted; returns false when it was inserted by this very transaction. */
export async function parkDeleted(scope: MongoScope, marker: TxMarker, collection: string, current: Document): Promise<boolean> {
  const fields = markerFields(marker, current);
  if (fields[TX_BEFORE] === null) return false;
  const id = trashId(collection, String(current._id));
  await scope.db.collection<KeyedDoc>(TRASH).replaceOne({ _id: id }, { _id: id, collection, doc: fields[TX_BEFORE], ...fields }, { upsert: true });
  noteWritten(marker, { collection, id: String(current._id), kind: 'trash' });
  return true;
}

/** Inserts pending events, skipping ids already there (moving carried events is idempotent). */
export async function insertPendingIdempotent(scope: MongoScope, docs: PendingDoc[]): Promise<void> {
  if (docs.length === 0) return;
  try {
    await scope.db.collection<PendingDoc>(PENDING_EVENTS).insertMany(docs, { ordered: false });
  } catch (err) {
    const writeErrors = (err as { writeErrors?: unknown[] | unknown }).writeErrors;
    const errors = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [err];
    if (!errors.every((e) => isDuplicateKey(e) || isDuplicateKey((e as { err?: unknown }).err))) throw err;
  }
}

/** Clears the marker of one written entry, optionally storing events in it; false when it is gone. */
async function finalize(scope: MongoScope, marker: TxMarker, entry: Written, carried?: PendingDoc[]): Promise<boolean> {
  const carry = carried ? { [OUTBOX_FIELD]: carried, [OUTBOX_AT]: Date.now() } : {};
  if (entry.kind === 'trash') {
    const filter = { _id: trashId(entry.collection, entry.id), [TX_FIELD]: marker.id };
    if (!carried) return (await scope.db.collection<KeyedDoc>(TRASH).deleteOne(filter)).deletedCount > 0;
    const result = await scope.db.collection<KeyedDoc>(TRASH).updateOne(filter, { $set: { committed: true, ...carry } });
    return result.matchedCount > 0;
  }
  const unset = { [TX_FIELD]: '', [TX_UNTIL]: '', [TX_BEFORE]: '' };
  const update: Document = carried ? { $unset: unset, $set: carry } : { $unset: unset };
  const target = scope.db.collection<KeyedDoc>(entry.collection);
  const result = await oneRecord(scope, entry.collection, entry.id, () => target.updateOne({ _id: entry.id, [TX_FIELD]: marker.id }, update));
  return result.matchedCount > 0;
}

/** Moves events a finalised entry carries to the pending outbox and clears them from it. */
async function release(scope: MongoScope, entry: Written, carried: PendingDoc[]): Promise<void> {
  await insertPendingIdempotent(scope, carried);
  if (entry.kind === 'trash') await scope.db.collection<KeyedDoc>(TRASH).deleteOne({ _id: trashId(entry.collection, entry.id) });
  else {
    const target = scope.db.collection<KeyedDoc>(entry.collection);
    await oneRecord(scope, entry.collection, entry.id, () => target.updateOne({ _id: entry.id }, { $unset: { [OUTBOX_FIELD]: '', [OUTBOX_AT]: '' } }));
  }
}

/** Commits a compensated transaction: the first entry carries the events (see the module comment). */
export async function commitMarked(scope: MongoScope, marker: TxMarker, events: OutboxEvent[]): Promise<void> {
  const pending = toPending(events);
  let carrier: Written | undefined;
  for (const entry of marker.written) {
    const carries = !carrier && pending.length > 0;
    if ((await finalize(scope, marker, entry, carries ? pending : undefined)) && carries) carrier = entry;
  }
  if (carrier) await release(scope, carrier, pending);
  else await insertPendingIdempotent(scope, pending);
}

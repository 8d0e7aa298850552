/**
 * Plinth's own state in system collections: the collections catalogue (`_plinth_collections`, documents kept
 * as JSON text so any key survives), small key/value state (`_plinth_kv`) and per-collection insertion
 * counters (`_plinth_counters`, keyed by collection id so they survive renames) that give `_rowid`.
 */
import type { StoredCollection } from '../port.js';
import { type MongoScope, sessionOptions } from './mongo-connection.js';
import { isDuplicateKey } from './mongo-errors.js';

export const COLLECTIONS = '_plinth_collections';
export const KV = '_plinth_kv';
export const COUNTERS = '_plinth_counters';
const CATALOGUE_COUNTER = '_plinth_catalogue';

interface CatalogueDoc {
  _id: string;
  position: number;
  document: string;
}

interface KvDoc {
  _id: string;
  value: string;
}

interface CounterDoc {
  _id: string;
  seq: number;
}

/** Creates the system collections when missing. Idempotent. */
export async function migrateCatalogue(scope: MongoScope): Promise<void> {
  const existing = new Set((await scope.db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  for (const name of [COLLECTIONS, KV, COUNTERS]) {
    if (!existing.has(name)) await scope.db.createCollection(name);
  }
}

/**
 * Reserves `count` values of a sequence (1, 2, ...) and returns the first. Deliberately outside any
 * transaction: a shared counter inside transactions would make every concurrent writer conflict, and a gap
 * left by a rollback is harmless. Serialised per key in this process (see KeyedSerial for FerretDB).
 */
export function nextSequence(scope: MongoScope, key: string, count = 1): Promise<number> {
  return scope.serial.run(`seq:${key}`, async () => {
    const counters = scope.db.collection<CounterDoc>(COUNTERS);
    const advance = () => counters.findOneAndUpdate({ _id: key }, { $inc: { seq: count } }, { upsert: true, returnDocument: 'after' });
    // Two processes creating the same counter at once: the loser's upsert collides; the document exists now.
    const doc = await advance().catch((err: unknown) => (isDuplicateKey(err) ? advance() : Promise.reject(err)));
    if (!doc) throw new Error(`sequence ${key} could not be advanced`);
    return doc.seq - count + 1;
  });
}

export async function dropSequence(scope: MongoScope, key: string): Promise<void> {
  await scope.db.collection<CounterDoc>(COUNTERS).deleteOne({ _id: key }, sessionOptions(scope));
}

export async function listCatalogue(scope: MongoScope): Promise<StoredCollection[]> {
  const docs = await scope.db.collection<CatalogueDoc>(COLLECTIONS).find({}, sessionOptions(scope)).sort({ position: 1 }).toArray();
  return docs.map((doc) => ({ id: doc._id, document: JSON.parse(doc.document) as unknown }));
}

/** One catalogue entry's document, or undefined. */
export async function getCatalogue(scope: MongoScope, id: string): Promise<unknown | undefined> {
  const doc = await scope.db.collection<CatalogueDoc>(COLLECTIONS).findOne({ _id: id }, sessionOptions(scope));
  return doc ? (JSON.parse(doc.document) as unknown) : undefined;
}

export async function insertCatalogue(scope: MongoScope, id: string, document: unknown): Promise<void> {
  const position = await nextSequence(scope, CATALOGUE_COUNTER);
  await scope.db
    .collection<CatalogueDoc>(COLLECTIONS)
    .insertOne({ _id: id, position, document: JSON.stringify(document ?? null) }, sessionOptions(scope));
}

export async function updateCatalogue(scope: MongoScope, id: string, document: unknown): Promise<void> {
  await scope.db
    .collection<CatalogueDoc>(COLLECTIONS)
    .updateOne({ _id: id }, { $set: { document: JSON.stringify(document ?? null) } }, sessionOptions(scope));
}

export async function deleteCatalogue(scope: MongoScope, id: string): Promise<void> {
  await scope.db.collection<CatalogueDoc>(COLLECTIONS).deleteOne({ _id: id }, sessionOptions(scope));
}

export async function getKv(scope: MongoScope, key: string): Promise<unknown | undefined> {
  const doc = await scope.db.collection<KvDoc>(KV).findOne({ _id: key }, sessionOptions(scope));
  return doc ? (JSON.parse(doc.value) as unknown) : undefined;
}

/** JSON text keeps null distinct from a missing key. */
export async function setKv(scope: MongoScope, key: string, value: unknown): Promise<void> {
  await scope.db
    .collection<KvDoc>(KV)
    .updateOne({ _id: key }, { $set: { value: JSON.stringify(value ?? null) } }, { upsert: true, ...sessionOptions(scope) });
}

export async function deleteKv(scope: MongoScope, key: string): Promise<void> {
  await scope.db.collection<KvDoc>(KV).deleteOne({ _id: key }, sessionOptions(scope));
}

/**
 * Indexes from IndexSpec. Plain indexes map to native ones. A unique index that is case-insensitive or partial
 * is emulated (FerretDB v1 has neither collations nor partialFilterExpression): a shadow field holds the
 * index key as JSON text (lower-cased where nocase) only on documents matching the predicate, under a sparse
 * unique index. Non-unique nocase/partial indexes only serve speed, so they index the raw columns.
 */
import { createHash } from 'node:crypto';
import type { Document, IndexDescription } from 'mongodb';
import { evaluateCondition } from '../../filter/evaluate.js';
import type { IndexSpec, RecordData, TableSchema } from '../port.js';
import { type MongoScope, sessionOptions } from './mongo-connection.js';
import { ROWID_FIELD, SHADOW_PREFIX, assertFieldName, fieldOf, fromDocument } from './mongo-values.js';

const SHADOW_INDEX_PREFIX = `${SHADOW_PREFIX}ix_`;

export function needsShadow(table: TableSchema, spec: IndexSpec): boolean {
  if (!spec.unique) return false;
  const storage = new Map(table.columns.map((c) => [c.name, c.storage]));
  return spec.where !== undefined || spec.columns.some((c) => c.nocase && storage.get(c.name) === 'text');
}

export function shadowField(spec: IndexSpec): string {
  const safe = /^\w{1,60}$/.test(spec.name) ? spec.name : createHash('sha1').update(spec.name).digest('hex').slice(0, 24);
  return `${SHADOW_INDEX_PREFIX}${safe}`;
}

/** The shadow key of one record for `spec`, or undefined when the record is outside a partial index. */
function shadowKey(table: TableSchema, spec: IndexSpec, record: RecordData): string | undefined {
  if (spec.where && !evaluateCondition(spec.where, record)) return undefined;
  const storage = new Map(table.columns.map((c) => [c.name, c.storage]));
  const key = spec.columns.map((c) => {
    const value = record[c.name] ?? null;
    return c.nocase && storage.get(c.name) === 'text' && typeof value === 'string' ? value.toLowerCase() : value;
  });
  return JSON.stringify(key);
}

/** Shadow fields to set and to remove for a record (the full record, after the write). */
export function shadowFields(table: TableSchema, record: RecordData): { set: Record<string, string>; unset: string[] } {
  const set: Record<string, string> = {};
  const unset: string[] = [];
  for (const spec of table.indexes) {
    if (!needsShadow(table, spec)) continue;
    const key = shadowKey(table, spec, record);
    if (key === undefined) unset.push(shadowField(spec));
    else set[shadowField(spec)] = key;
  }
  return { set, unset };
}

function physicalIndex(table: TableSchema, spec: IndexSpec): IndexDescription {
  if (needsShadow(table, spec)) return { name: spec.name, key: { [shadowField(spec)]: 1 }, unique: true, sparse: true };
  const key: Record<string, 1 | -1> = {};
  for (const column of spec.columns) key[assertFieldName(fieldOf(column.name))] = column.desc ? -1 : 1;
  if (spec.unique) return { name: spec.name, key, unique: true };
  // The tie-breaker too, as on SQL: the index then serves sorts on its columns in either direction.
  if (spec.columns.length > 0) key[ROWID_FIELD] ??= spec.columns[spec.columns.length - 1].desc ? -1 : 1;
  return { name: spec.name, key };
}

/**
 * FerretDB v1 leaves `sparse` out of listIndexes, so it is compared only where the server reports it (a
 * shadow index differs from a plain one by its key anyway). Without this every collection update would drop
 * and rebuild every emulated unique index.
 */
function sameIndex(existing: Document, wanted: IndexDescription): boolean {
  return (
    JSON.stringify(existing.key) === JSON.stringify(wanted.key) &&
    Boolean(existing.unique) === Boolean(wanted.unique) &&
    (existing.sparse === undefined || Boolean(existing.sparse) === Boolean(wanted.sparse))
  );
}

/** Recomputes every document's shadow fields (after a schema change touching emulated indexes). */
async function rebuildShadows(scope: MongoScope, table: TableSchema, stale: string[]): Promise<void> {
  const collection = scope.db.collection<Document>(table.name);
  const cursor = collection.find({}, sessionOptions(scope));
  for await (const doc of cursor) {
    const { set, unset } = shadowFields(table, fromDocument(table, doc));
    const toUnset = Object.fromEntries([...new Set([...unset, ...stale.filter((f) => !(f in set))])].map((f) => [f, '']));
    const update: Document = {};
    if (Object.keys(set).length) update.$set = set;
    if (Object.keys(toUnset).length) update.$unset = toUnset;
    if (Object.keys(update).length) await collection.updateOne({ _id: doc._id }, update, sessionOptions(scope));
  }
}

/**
 * Brings the collection's indexes to `table.indexes`: unchanged ones stay, others are dropped and built again.
 * `previous` (on schema changes) tells which shadow fields may be stale.
 */
export async function syncIndexes(scope: MongoScope, table: TableSchema, previous?: TableSchema): Promise<void> {
  const collection = scope.db.collection(table.name);
  const wanted = new Map(table.indexes.map((spec) => [spec.name, physicalIndex(table, spec)]));
  // `_id_` and the adapter's own `_plinth_*` indexes (mongo-tx-recovery.ts) are not the schema's to drop.
  const existing = (await collection.listIndexes(sessionOptions(scope)).toArray()).filter(
    (ix) => ix.name !== '_id_' && !String(ix.name).startsWith(SHADOW_PREFIX),
  );
  for (const index of existing) {
    const target = wanted.get(index.name as string);
    if (target && sameIndex(index, target)) wanted.delete(index.name as string);
    else await collection.dropIndex(index.name as string, sessionOptions(scope));
  }
  const shadowed = (t: TableSchema) => t.indexes.filter((spec) => needsShadow(t, spec)).map(shadowField);
  const current = shadowed(table);
  const stale = previous ? shadowed(previous) : [];
  if (previous && (current.length > 0 || stale.length > 0)) await rebuildShadows(scope, table, stale);
  for (const index of wanted.values()) {
    const { key, ...options } = index;
    try {
      await collection.createIndex(key, { ...options, ...sessionOptions(scope) });
    } catch (err) {
      // Another instance (or a racing schema change) built the same index first: that is the wanted state.
      const now = await collection.listIndexes(sessionOptions(scope)).toArray();
      if (!now.some((ix) => ix.name === index.name && sameIndex(ix, index))) throw err;
    }
  }
}

/**
 * The columns of the unique index a duplicate-key error came from. Real MongoDB reports `keyPattern`;
 * FerretDB does not, so the candidates are probed for another document holding the same key.
 */
export interface DuplicateContext {
  /** The full document that was being written (shadow fields included). */
  doc: Document;
  /** True for inserts and id changes, where the id itself may be the duplicate. */
  newId: boolean;
  keyPattern?: Document;
}

export async function duplicateColumns(scope: MongoScope, table: TableSchema, { doc, newId, keyPattern }: DuplicateContext): Promise<string[]> {
  const uniques = table.indexes.filter((spec) => spec.unique);
  if (keyPattern) {
    const fields = Object.keys(keyPattern);
    if (fields.includes('_id')) return ['id'];
    const spec = uniques.find((s) => JSON.stringify(Object.keys(physicalIndex(table, s).key)) === JSON.stringify(fields));
    if (spec) return spec.columns.map((c) => c.name);
  }
  const collection = scope.db.collection<Document>(table.name);
  if (newId && !keyPattern && (await collection.findOne({ _id: doc._id }, sessionOptions(scope)))) return ['id'];
  for (const spec of uniques) {
    const physical = physicalIndex(table, spec);
    const query: Document = { _id: { $ne: doc._id } };
    let complete = true;
    for (const field of Object.keys(physical.key)) {
      if (doc[field] === undefined) complete = false;
      query[field] = doc[field];
    }
    if (complete && (await collection.findOne(query, sessionOptions(scope)))) return spec.columns.map((c) => c.name);
  }
  return [];
}

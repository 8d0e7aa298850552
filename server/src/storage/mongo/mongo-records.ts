/**
 * Record reads and writes for one collection. A filter splits into a native query (relation chains as
 * semi-joins, mongo-filter-semijoin.ts) and an in-memory residual (mongo-filter-pushdown.ts); when nothing
 * is residual and the sort is native, MongoDB pages by itself, otherwise candidates stream through the residual check and are sorted/paged here. `_rowid` (insertion
 * order) breaks every tie and is never returned.
 */
import type { Document } from 'mongodb';
import { StorageError, type CountQuery, type FindQuery, type RecordData, type TableSchema } from '../port.js';
import { type MongoScope, oneRecord, sessionOptions } from './mongo-connection.js';
import { duplicateKeyPattern, isDuplicateKey, uniqueError } from './mongo-errors.js';
import { evaluateResidual, joinEnv } from './mongo-filter-evaluate.js';
import type { JoinEnv } from './mongo-filter-joins.js';
import { RowLoader } from './mongo-filter-loader.js';
import { planQuery } from './mongo-filter-semijoin.js';
import { tieBreakDirection } from '../../filter/condition.js';
import { compareKeys, nativeSort, sortKeys } from './mongo-filter-sort.js';
import { nextSequence } from './mongo-catalogue.js';
import { type DuplicateContext, duplicateColumns, shadowFields } from './mongo-indexes.js';
import { searchFields } from './mongo-search-index.js';
import { TRASH, markerFields, noteWritten, parkDeleted, trashId, withoutSystemFields } from './mongo-tx-markers.js';
import { ROWID_FIELD, fromDocument, newDocument, nullColumns, toStoredFields } from './mongo-values.js';

/** Collection documents are keyed by the record id (a string), never an ObjectId. */
type StoredDocument = Document & { _id: string };

/** Candidates evaluated concurrently, so their relation lookups batch into one query per step. */
const BATCH = 200;

interface Candidate {
  row: RecordData;
  rowid: number;
}

/** Streams documents matching `query` in `sort` order that also pass `residual`, until `visit` says stop. */
export async function scan(
  scope: MongoScope,
  table: TableSchema,
  query: Document,
  sort: Document,
  residual: FindQuery['where'],
  env: JoinEnv,
  visit: (candidate: Candidate) => boolean,
): Promise<void> {
  const cursor = scope.db.collection(table.name).find(query, sessionOptions(scope)).sort(sort).batchSize(BATCH);
  let batch: Candidate[] = [];
  const drain = async (): Promise<boolean> => {
    const passed = residual ? await Promise.all(batch.map((c) => evaluateResidual(residual, c.row, env))) : batch.map(() => true);
    const candidates = batch;
    batch = [];
    return candidates.some((c, i) => passed[i] && visit(c));
  };
  try {
    for await (const doc of cursor) {
      batch.push({ row: fromDocument(table, doc), rowid: Number(doc[ROWID_FIELD] ?? 0) });
      if (batch.length >= BATCH && (await drain())) return;
    }
    await drain();
  } finally {
    await cursor.close();
  }
}

export async function findRecords(scope: MongoScope, query: FindQuery): Promise<RecordData[]> {
  const { table } = query;
  const limit = query.limit === undefined ? Infinity : Math.max(0, Math.floor(query.limit));
  const offset = Math.max(0, Math.floor(query.offset ?? 0));
  if (limit === 0) return [];
  const { query: native, residual } = await planQuery(scope, query.where);
  const sort = nativeSort(query.sort);
  const collection = scope.db.collection(table.name);

  if (!residual && sort) {
    let cursor = collection.find(native, sessionOptions(scope)).sort(sort).skip(offset);
    if (limit !== Infinity) cursor = cursor.limit(limit);
    return (await cursor.toArray()).map((doc) => fromDocument(table, doc));
  }

  const env = joinEnv(new RowLoader(scope));
  const found: Candidate[] = [];
  if (sort) {
    // Native order: page while streaming and stop as soon as the page is full.
    let skipped = 0;
    await scan(scope, table, native, sort, residual, env, (c) => {
      if (skipped < offset) skipped += 1;
      else found.push(c);
      return found.length >= limit;
    });
    return found.map((c) => c.row);
  }

  await scan(scope, table, native, { [ROWID_FIELD]: 1 }, residual, env, (c) => {
    found.push(c);
    return false;
  });
  const terms = query.sort ?? [];
  const keyed = await Promise.all(found.map(async (c) => ({ c, keys: await sortKeys(terms, c.row, c.rowid, env) })));
  const tieBreak = tieBreakDirection(terms) === 'asc' ? 1 : -1;
  keyed.sort((a, b) => compareKeys(terms, a.keys, b.keys) || tieBreak * (a.c.rowid - b.c.rowid));
  return keyed.slice(offset, limit === Infinity ? undefined : offset + limit).map((k) => k.c.row);
}

export async function countRecords(scope: MongoScope, query: CountQuery): Promise<number> {
  const { query: native, residual } = await planQuery(scope, query.where);
  if (!residual) return scope.db.collection(query.table.name).countDocuments(native, sessionOptions(scope));
  let count = 0;
  const env = joinEnv(new RowLoader(scope));
  await scan(scope, query.table, native, { [ROWID_FIELD]: 1 }, residual, env, () => {
    count += 1;
    return false;
  });
  return count;
}

function rejectNulls(table: TableSchema, data: RecordData): void {
  const columns = nullColumns(table, data);
  if (columns.length) throw new StorageError('not_null', columns, `Missing required value for ${columns.join(', ')}.`);
}

/**
 * Inside a real transaction a duplicate-key error aborts the whole transaction on MongoDB, which would turn a
 * recoverable unique violation (core catches it inside a nested level) into a failed commit. There the unique
 * indexes are probed first and the violation is reported without writing.
 */
async function guardUnique(scope: MongoScope, table: TableSchema, doc: Document, newId: boolean): Promise<void> {
  if (!scope.session || (!table.indexes.some((spec) => spec.unique) && !newId)) return;
  const columns = await duplicateColumns(scope, table, { doc, newId });
  if (columns.length) throw uniqueError(columns, new Error('duplicate key found before writing'));
}

/** Runs a write, turning a duplicate key into StorageError('unique', columns). */
async function writing<T>(scope: MongoScope, table: TableSchema, context: Omit<DuplicateContext, 'keyPattern'>, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const columns = await duplicateColumns(scope, table, { ...context, keyPattern: duplicateKeyPattern(err) });
    throw uniqueError(columns, err);
  }
}

export async function insertRecord(scope: MongoScope, table: TableSchema, data: RecordData): Promise<RecordData> {
  rejectNulls(table, data);
  if (typeof data.id !== 'string') throw new StorageError('not_null', ['id'], 'Missing required value for id.');
  const doc = newDocument(table, data);
  const record = fromDocument(table, doc);
  const derived = { ...shadowFields(table, record).set, ...(await searchFields(scope, table, record)) };
  const full: Document = { ...doc, ...derived, [ROWID_FIELD]: await nextSequence(scope, table.id) };
  if (scope.marker) Object.assign(full, markerFields(scope.marker, null));
  await guardUnique(scope, table, full, true);
  await writing(scope, table, { doc: full, newId: true }, () => scope.db.collection<StoredDocument>(table.name).insertOne(full as StoredDocument, sessionOptions(scope)));
  scope.journal?.inserted(table.name, data.id);
  if (scope.marker) noteWritten(scope.marker, { collection: table.name, id: data.id, kind: 'doc' });
  return record;
}

/**
 * One by one: each document needs its own insertion sequence, unique guard and transaction marker, and bulk
 * appends (request logs) are written off the request path, so the per-row round trips cost no response time.
 */
export async function insertRecords(scope: MongoScope, table: TableSchema, rows: RecordData[]): Promise<void> {
  for (const row of rows) await insertRecord(scope, table, row);
}

export function updateRecord(scope: MongoScope, table: TableSchema, id: string, data: RecordData): Promise<RecordData | null> {
  return oneRecord(scope, table.name, id, () => applyUpdate(scope, table, id, data));
}

async function applyUpdate(scope: MongoScope, table: TableSchema, id: string, data: RecordData): Promise<RecordData | null> {
  const collection = scope.db.collection<StoredDocument>(table.name);
  const current = await collection.findOne({ _id: id }, sessionOptions(scope));
  if (!current) return null;
  rejectNulls(table, data);
  const { id: newIdValue, ...rest } = data;
  const changes = toStoredFields(table, rest);
  const newId = typeof newIdValue === 'string' && newIdValue !== id ? newIdValue : undefined;
  const merged = { ...withoutSystemFields(current), ...changes, _id: newId ?? id } as StoredDocument;
  const record = fromDocument(table, merged);
  const shadows = shadowFields(table, record);
  for (const field of shadows.unset) delete merged[field];
  const words = await searchFields(scope, table, record);
  Object.assign(merged, shadows.set, words);

  await guardUnique(scope, table, merged, newId !== undefined);
  if (newId !== undefined) {
    // `_id` is immutable: the record moves to a new document that keeps its insertion sequence.
    if (scope.marker) Object.assign(merged, markerFields(scope.marker, null));
    await writing(scope, table, { doc: merged, newId: true }, () => collection.insertOne(merged, sessionOptions(scope)));
    scope.journal?.inserted(table.name, newId);
    if (scope.marker) noteWritten(scope.marker, { collection: table.name, id: newId, kind: 'doc' });
    await removeDocument(scope, table, current);
    return record;
  }
  const set = { ...changes, ...shadows.set, ...words, ...(scope.marker ? markerFields(scope.marker, current) : {}) };
  const unset = Object.fromEntries(shadows.unset.filter((f) => f in current).map((f) => [f, '']));
  const update: Document = {};
  if (Object.keys(set).length) update.$set = set;
  if (Object.keys(unset).length) update.$unset = unset;
  if (Object.keys(update).length) {
    await writing(scope, table, { doc: merged, newId: false }, () => collection.updateOne({ _id: id }, update, sessionOptions(scope)));
    scope.journal?.updated(table.name, current);
    if (scope.marker) noteWritten(scope.marker, { collection: table.name, id, kind: 'doc' });
  }
  return record;
}

/** Deletes a stored document, parking it first when a compensated transaction must be able to undo it. */
async function removeDocument(scope: MongoScope, table: TableSchema, current: StoredDocument): Promise<boolean> {
  const parked = scope.marker ? await parkDeleted(scope, scope.marker, table.name, current) : false;
  if (parked) scope.journal?.custom((s) => s.db.collection<StoredDocument>(TRASH).deleteOne({ _id: trashId(table.name, current._id) }).then(() => undefined));
  const result = await scope.db.collection<StoredDocument>(table.name).deleteOne({ _id: current._id }, sessionOptions(scope));
  if (result.deletedCount > 0) scope.journal?.deleted(table.name, current);
  return result.deletedCount > 0;
}

export async function deleteRecord(scope: MongoScope, table: TableSchema, id: string): Promise<boolean> {
  const collection = scope.db.collection<StoredDocument>(table.name);
  if (!scope.journal && !scope.marker) return (await collection.deleteOne({ _id: id }, sessionOptions(scope))).deletedCount > 0;
  const current = await collection.findOne({ _id: id }, sessionOptions(scope));
  return current ? removeDocument(scope, table, current) : false;
}

export async function truncateRecords(scope: MongoScope, table: TableSchema): Promise<void> {
  const collection = scope.db.collection(table.name);
  const before = scope.journal ? await collection.find({}, sessionOptions(scope)).toArray() : [];
  await collection.deleteMany({}, sessionOptions(scope));
  scope.journal?.truncated(table.name, before);
}

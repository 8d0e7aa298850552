/**
 * The words side of full-text search on MongoDB-compatible servers (mongo-search.ts runs the queries): each
 * table's search spec in `_plinth_search_specs`, and per record a hidden array of the distinct words of the
 * spec's columns (`_plinth_search_<hash>`, search-query.ts tokeniser) under a multikey index, written with the
 * record in the same write. Hidden like every `_plinth_*` field: never read back as a column, never filterable.
 */
import type { Document } from 'mongodb';
import type { RecordData, SearchIndexSpec, TableSchema } from '../port.js';
import { assertSearchSpec, searchSpecHash, searchTokens } from '../search-query.js';
import { type MongoScope, oneRecord, outsideTransaction, sessionOptions } from './mongo-connection.js';
import { SHADOW_PREFIX } from './mongo-values.js';

/** One document per table id (a table has at most one search spec, as on PostgreSQL). */
export const SEARCH_SPECS = `${SHADOW_PREFIX}search_specs`;
const FIELD_PREFIX = `${SHADOW_PREFIX}search_`;
const BACKFILL_BATCH = 100;

interface SpecDoc {
  _id: string;
  /** The hidden words field, also the name of its index. */
  field: string;
  columns: string[];
  /** Column ids: a column dropped and added back under the same name has stale words until rebuilt. */
  columnIds: string[];
  language: string;
}

export const wordsField = (spec: SearchIndexSpec) => FIELD_PREFIX + searchSpecHash(spec);

export function documentWords(columns: readonly string[], record: RecordData): string[] {
  return searchTokens(columns.map((name) => (typeof record[name] === 'string' ? record[name] : '')).join(' '));
}

export const specOf = (scope: MongoScope, table: TableSchema) =>
  scope.db.collection<SpecDoc>(SEARCH_SPECS).findOne({ _id: table.id }, sessionOptions(scope));

/**
 * The hidden words field of a record about to be written (the full record after the write), or nothing when
 * its table has no search spec. Read on every write, so specs built by another instance are kept from then on.
 */
export async function searchFields(scope: MongoScope, table: TableSchema, record: RecordData): Promise<Record<string, string[]>> {
  const spec = await specOf(scope, table);
  return spec ? { [spec.field]: [...new Set(documentWords(spec.columns, record))] } : {};
}

/**
 * Fills the words field of every document. Each update is conditional on the text read and runs under the
 * record's in-process lock (oneRecord, as writes do), so a write racing the spec's creation either sees the spec
 * or leaves the document without words (the search then checks it like any candidate), never with stale words.
 */
async function backfill(scope: MongoScope, table: TableSchema, columns: string[], field: string): Promise<void> {
  const collection = scope.db.collection<Document>(table.name);
  const projection = Object.fromEntries(columns.map((name) => [name, 1]));
  let batch: Document[] = [];
  const flush = async () => {
    const docs = batch;
    batch = [];
    await Promise.all(
      docs.map((doc) => {
        const seen = Object.fromEntries(columns.map((name) => [name, doc[name]]));
        const words = [...new Set(documentWords(columns, doc))];
        return oneRecord(scope, table.name, String(doc._id), () => collection.updateOne({ _id: doc._id, ...seen }, { $set: { [field]: words } }));
      }),
    );
  };
  for await (const doc of collection.find({}, { projection })) {
    batch.push(doc);
    if (batch.length >= BACKFILL_BATCH) await flush();
  }
  await flush();
}

/**
 * Records the spec first (so every writer keeps the words from then on), fills existing documents, indexes the
 * field, then removes the table's other search fields and indexes. Does nothing when already in place.
 */
export async function ensureSearchIndex(session: MongoScope, spec: SearchIndexSpec): Promise<void> {
  assertSearchSpec(spec);
  const scope = outsideTransaction(session);
  const { table } = spec;
  const field = wordsField(spec);
  const columnIds = spec.columns.map((name) => table.columns.find((c) => c.name === name)?.id ?? name);
  const collection = scope.db.collection(table.name);
  const previous = await specOf(scope, table);
  const indexes = (await collection.listIndexes().toArray()).map((ix) => String(ix.name));
  if (previous?.field === field && JSON.stringify(previous.columnIds) === JSON.stringify(columnIds) && indexes.includes(field)) return;

  const doc: Omit<SpecDoc, '_id'> = { field, columns: spec.columns, columnIds, language: spec.language };
  await scope.db.collection<SpecDoc>(SEARCH_SPECS).updateOne({ _id: table.id }, { $set: doc }, { upsert: true });
  await backfill(scope, table, spec.columns, field);
  if (!indexes.includes(field)) {
    await collection.createIndex({ [field]: 1 }, { name: field }).catch(async (err: unknown) => {
      // Another instance built it first: that is the wanted state.
      if (!(await collection.listIndexes().toArray()).some((ix) => ix.name === field)) throw err;
    });
  }
  const stale = new Set([...indexes.filter((name) => name.startsWith(FIELD_PREFIX)), previous?.field].filter((f): f is string => !!f && f !== field));
  for (const old of stale) {
    if (indexes.includes(old)) await collection.dropIndex(old).catch(() => undefined);
    await collection.updateMany({ [old]: { $exists: true } }, { $unset: { [old]: '' } });
  }
}

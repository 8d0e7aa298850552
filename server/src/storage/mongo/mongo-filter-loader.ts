/**
 * Loads the rows a residual filter reaches through relations, as semi-joins on ids (`_id $in [...]`, or
 * `field $in [...]` for back-relations) instead of `$lookup`, which FerretDB v1 lacks. Requests made while
 * evaluating a batch of candidate documents are collected until the event loop turns and sent as one query
 * per collection and step; results are cached for the duration of one find/count.
 */
import type { Document } from 'mongodb';
import type { CollectionRef } from '../../filter/condition.js';
import type { RecordData } from '../port.js';
import { type MongoScope, sessionOptions } from './mongo-connection.js';
import { ROWID_FIELD, assertFieldName, fromAnyDocument } from './mongo-values.js';

export type Row = RecordData;

/** Collects keys until the next macrotask, then resolves them all with one batch call. */
class Batcher<V> {
  private readonly cache = new Map<string, Promise<V>>();
  private pending: { key: string; resolve(v: V): void; reject(e: unknown): void }[] = [];

  constructor(private readonly loadMany: (keys: string[]) => Promise<Map<string, V>>, private readonly fallback: V) {}

  load(key: string): Promise<V> {
    let promise = this.cache.get(key);
    if (!promise) {
      promise = new Promise<V>((resolve, reject) => {
        if (this.pending.length === 0) setImmediate(() => void this.flush());
        this.pending.push({ key, resolve, reject });
      });
      this.cache.set(key, promise);
    }
    return promise;
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    try {
      const found = await this.loadMany([...new Set(batch.map((p) => p.key))]);
      for (const p of batch) p.resolve(found.get(p.key) ?? this.fallback);
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
  }
}

export class RowLoader {
  private readonly byId = new Map<string, Batcher<Row | null>>();
  private readonly byReference = new Map<string, Batcher<Row[]>>();
  private readonly everything = new Map<string, Promise<Row[]>>();

  constructor(private readonly scope: MongoScope) {}

  private find(collection: string, query: Document): Promise<Document[]> {
    return this.scope.db.collection(collection).find(query, sessionOptions(this.scope)).sort({ [ROWID_FIELD]: 1 }).toArray();
  }

  /** Rows with the given ids, in the order of `ids` (missing ones left out). */
  async rowsById(collection: CollectionRef, ids: unknown[]): Promise<Row[]> {
    let batcher = this.byId.get(collection.name);
    if (!batcher) {
      batcher = new Batcher<Row | null>(async (keys) => {
        const docs = await this.find(collection.name, { _id: { $in: keys } });
        return new Map(docs.map((doc) => [String(doc._id), fromAnyDocument(doc)]));
      }, null);
      this.byId.set(collection.name, batcher);
    }
    const wanted = ids.filter((id): id is string => typeof id === 'string' && id !== '');
    const rows = await Promise.all(wanted.map((id) => batcher.load(id)));
    return rows.filter((row): row is Row => row !== null);
  }

  /** Rows of `collection` whose relation `field` (single id or list of ids) holds `id`, in insertion order. */
  referencing(collection: CollectionRef, field: string, id: unknown): Promise<Row[]> {
    if (typeof id !== 'string' || id === '') return Promise.resolve([]);
    const key = `${collection.name}\u0000${field}`;
    let batcher = this.byReference.get(key);
    if (!batcher) {
      const name = assertFieldName(field);
      batcher = new Batcher<Row[]>(async (keys) => {
        const docs = await this.find(collection.name, { [name]: { $in: keys } });
        const wanted = new Set(keys);
        const grouped = new Map<string, Row[]>();
        for (const doc of docs) {
          const value = doc[name] as unknown;
          const linked = Array.isArray(value) ? value : [value];
          for (const target of new Set(linked)) {
            if (typeof target !== 'string' || !wanted.has(target)) continue;
            grouped.set(target, [...(grouped.get(target) ?? []), fromAnyDocument(doc)]);
          }
        }
        return grouped;
      }, []);
      this.byReference.set(key, batcher);
    }
    return batcher.load(id);
  }

  /** Every row of a collection (`@collection` roots). */
  all(collection: CollectionRef): Promise<Row[]> {
    let rows = this.everything.get(collection.name);
    if (!rows) {
      rows = this.find(collection.name, {}).then((docs) => docs.map(fromAnyDocument));
      this.everything.set(collection.name, rows);
    }
    return rows;
  }
}

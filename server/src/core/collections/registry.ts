/**
 * The in-memory catalogue of collections: loaded from storage at start, replaced on every schema change.
 * Everything derived from a collection (table schema, filter schema, parsed rules) is computed once per
 * schema version and cached here, so request paths do no schema parsing.
 */
import { AppError } from '../errors.js';
import type { SchemaCollection, SchemaLookup } from '../../filter/schema.js';
import type { StorageSession, TableSchema } from '../../storage/port.js';
import { toSchemaCollection, toTableSchema } from './collection-schema.js';
import type { Collection } from './model.js';

export interface CollectionRegistry {
  /** (Re)loads every collection from storage; bumps `version`. */
  load(session: StorageSession): Promise<void>;
  /** By id (exact) or name (case-insensitive). */
  get(nameOrId: string): Collection | undefined;
  /** Like get, but throws AppError 404 "Missing collection context." */
  require(nameOrId: string): Collection;
  all(): Collection[];
  /** Physical shape for the storage port (cached per version). */
  table(collection: Collection): TableSchema;
  /** The schema view used by the filter resolver (cached per version). */
  readonly schema: SchemaLookup;
  /** Increments on every load; caches keyed on it are invalidated by schema changes. */
  readonly version: number;
}

// --- the in-memory implementation: a snapshot replaced wholesale on load, derived schemas cached per snapshot ---

interface Snapshot {
  list: Collection[];
  byId: Map<string, Collection>;
  byName: Map<string, Collection>;
  tables: WeakMap<Collection, TableSchema>;
  schemas: WeakMap<Collection, SchemaCollection>;
}

function snapshotOf(list: Collection[]): Snapshot {
  return {
    list,
    byId: new Map(list.map((c) => [c.id, c])),
    byName: new Map(list.map((c) => [c.name.toLowerCase(), c])),
    tables: new WeakMap(),
    schemas: new WeakMap(),
  };
}

export function createCollectionRegistry(): CollectionRegistry {
  let snap = snapshotOf([]);
  let version = 0;

  const get = (nameOrId: string): Collection | undefined => snap.byId.get(nameOrId) ?? snap.byName.get(nameOrId.toLowerCase());

  const schemaOf = (c: Collection): SchemaCollection => {
    let s = snap.schemas.get(c);
    if (!s) {
      s = toSchemaCollection(c);
      snap.schemas.set(c, s);
    }
    return s;
  };

  const schema: SchemaLookup = {
    collection(nameOrId) {
      const c = get(nameOrId);
      return c ? schemaOf(c) : undefined;
    },
  };

  return {
    async load(session: StorageSession) {
      const stored = await session.listCollections();
      const list = stored.map((s) => s.document as Collection).filter((c) => c && typeof c === 'object' && typeof c.name === 'string');
      list.sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : a.name.localeCompare(b.name)));
      snap = snapshotOf(list);
      version++;
    },
    get,
    require(nameOrId) {
      const c = get(nameOrId);
      if (!c) throw new AppError('not_found', 'Missing collection context.');
      return c;
    },
    all: () => [...snap.list],
    table(c) {
      // Collections from outside the snapshot (e.g. a definition being validated) are computed, not cached.
      if (snap.byId.get(c.id) !== c) return toTableSchema(c);
      let t = snap.tables.get(c);
      if (!t) {
        t = toTableSchema(c);
        snap.tables.set(c, t);
      }
      return t;
    },
    schema,
    get version() {
      return version;
    },
  };
}

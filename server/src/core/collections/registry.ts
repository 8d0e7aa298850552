/**
 * The in-memory catalogue of collections: loaded from storage at start, replaced on every schema change.
 * Everything derived from a collection (table schema, filter schema, parsed rules) is computed once per
 * schema version and cached here, so request paths do no schema parsing.
 */
import type { SchemaLookup } from '../../filter/schema.js';
import type { StorageSession, TableSchema } from '../../storage/port.js';
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

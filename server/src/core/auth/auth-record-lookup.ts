/**
 * Finding auth records through the storage port: by id (tokens) and by identity field (password login).
 * Conditions are built directly; no filter parsing is involved.
 */
import type { App } from '../app.js';
import type { Collection } from '../collections/model.js';
import type { Condition } from '../../filter/condition.js';
import type { RecordData, StorageSession } from '../../storage/port.js';
import { basePath } from '../rules/condition-build.js';
import { findById } from '../rules/rule-match.js';

export function findRecordById(app: App, session: StorageSession, collection: Collection, id: string): Promise<RecordData | null> {
  return findById(session, app.collections.table(collection), id);
}

/**
 * Looks a record up by one identity field. `email` always matches case-insensitively; other fields do when
 * their single-column unique index is declared `COLLATE NOCASE`.
 */
export async function findRecordByIdentity(
  app: App,
  session: StorageSession,
  collection: Collection,
  field: string,
  identity: string,
): Promise<RecordData | null> {
  const table = app.collections.table(collection);
  if (!table.columns.some((c) => c.name === field && c.storage === 'text')) return null;
  const nocase =
    field === 'email' ||
    table.indexes.some((ix) => ix.unique && ix.columns.length === 1 && ix.columns[0].name === field && ix.columns[0].nocase);
  const where: Condition = {
    kind: 'compare',
    op: 'eq',
    quantifier: 'all',
    left: basePath({ name: field, type: 'text', storage: 'text', multiple: false }, nocase ? 'lower' : undefined),
    right: { kind: 'literal', value: nocase ? identity.toLowerCase() : identity },
  };
  const rows = await session.find({ table, where, limit: 1 });
  return rows[0] ?? null;
}

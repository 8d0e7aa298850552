/**
 * Physical collections from TableSchema. Columns are matched across changes by field id, as in the SQL
 * adapter: a rename is `$rename` (through temporary names so swaps cannot collide), a drop is `$unset`, an
 * added column is set to its default on every existing document. A column whose storage kind changed is
 * dropped and added again.
 */
import type { ColumnSchema, TableSchema } from '../port.js';
import { type MongoScope, sessionOptions } from './mongo-connection.js';
import { syncIndexes } from './mongo-indexes.js';
import { ensureMarkerIndexes } from './mongo-tx-recovery.js';
import { SHADOW_PREFIX, assertFieldName, effectiveDefault, toStoredValue } from './mongo-values.js';

function dataColumns(table: TableSchema): ColumnSchema[] {
  return table.columns.filter((c) => c.name !== 'id');
}

export async function createPhysical(scope: MongoScope, table: TableSchema): Promise<void> {
  for (const column of dataColumns(table)) assertFieldName(column.name);
  await scope.db.createCollection(table.name, sessionOptions(scope));
  try {
    await syncIndexes(scope, table);
    await ensureMarkerIndexes(scope, table.name);
  } catch (err) {
    await scope.db.dropCollection(table.name, sessionOptions(scope)).catch(() => undefined);
    throw err;
  }
}

export async function dropPhysical(scope: MongoScope, table: TableSchema): Promise<void> {
  const exists = await scope.db.listCollections({ name: table.name }, { nameOnly: true, ...sessionOptions(scope) }).hasNext();
  if (exists) await scope.db.dropCollection(table.name, sessionOptions(scope));
}

interface ColumnPlan {
  dropped: ColumnSchema[];
  renamed: { from: ColumnSchema; to: ColumnSchema }[];
  added: ColumnSchema[];
}

function planColumns(prev: TableSchema, next: TableSchema): ColumnPlan {
  const prevById = new Map(dataColumns(prev).map((c) => [c.id, c]));
  const nextById = new Map(dataColumns(next).map((c) => [c.id, c]));
  const plan: ColumnPlan = { dropped: [], renamed: [], added: [] };
  for (const [id, before] of prevById) {
    const after = nextById.get(id);
    if (!after || after.storage !== before.storage) plan.dropped.push(before);
  }
  for (const [id, after] of nextById) {
    const before = prevById.get(id);
    if (!before || before.storage !== after.storage) plan.added.push(after);
    else if (before.name !== after.name) plan.renamed.push({ from: before, to: after });
  }
  return plan;
}

/** Applies prev → next: collection rename, column drops/renames/adds, then indexes (and shadow fields). */
export async function alterPhysical(scope: MongoScope, prev: TableSchema, next: TableSchema): Promise<void> {
  const plan = planColumns(prev, next);
  if (prev.name !== next.name) {
    await scope.db.renameCollection(prev.name, next.name, sessionOptions(scope));
  }
  const collection = scope.db.collection(next.name);
  const options = sessionOptions(scope);
  if (plan.dropped.length) {
    await collection.updateMany({}, { $unset: Object.fromEntries(plan.dropped.map((c) => [assertFieldName(c.name), ''])) }, options);
  }
  if (plan.renamed.length) {
    const temporary = (c: ColumnSchema) => `${SHADOW_PREFIX}tmp_${c.id.replace(/[^\w]/g, '_')}`;
    await collection.updateMany({}, { $rename: Object.fromEntries(plan.renamed.map(({ from, to }) => [assertFieldName(from.name), temporary(to)])) }, options);
    await collection.updateMany({}, { $rename: Object.fromEntries(plan.renamed.map(({ to }) => [temporary(to), assertFieldName(to.name)])) }, options);
  }
  if (plan.added.length) {
    const defaults = Object.fromEntries(plan.added.map((c) => [assertFieldName(c.name), toStoredValue(c, effectiveDefault(c))]));
    await collection.updateMany({}, { $set: defaults }, options);
  }
  await syncIndexes(scope, next, prev);
}

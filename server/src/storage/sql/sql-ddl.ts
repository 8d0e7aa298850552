/**
 * Table DDL from TableSchema (README.md layout). Schema changes match columns by their stable id, so a field
 * rename is RENAME COLUMN and keeps its data. Run inside the caller's transaction: PostgreSQL DDL is
 * transactional, which keeps the catalogue row and the physical table in step.
 */
import type { Knex } from 'knex';
import type { ColumnSchema, TableSchema } from '../port.js';
import { createIndexSql, dropIndexSql, indexUnchanged, physicalIndexName } from './sql-index-ddl.js';
import { quoteIdent } from './sql-text.js';
import { columnDefinitionSql, defaultSql } from './sql-values.js';

const ID_COLUMN = 'id';

function dataColumns(table: TableSchema): ColumnSchema[] {
  return table.columns.filter((c) => c.name !== ID_COLUMN);
}

export async function createTable(db: Knex, table: TableSchema): Promise<void> {
  const columns = dataColumns(table).map((c) => `, ${columnDefinitionSql(db, c, quoteIdent(c.name))}`);
  await db.raw(
    `CREATE TABLE ${quoteIdent(table.name)} ("id" text COLLATE "C" NOT NULL PRIMARY KEY, "_rowid" bigint GENERATED ALWAYS AS IDENTITY${columns.join('')})`,
  );
  // Default order and every sort's tie-breaker: without it, a list with no sort reads and sorts the whole table.
  await db.raw(`CREATE INDEX ${quoteIdent(physicalIndexName(table, { name: '_rowid' }))} ON ${quoteIdent(table.name)} ("_rowid")`);
  for (const spec of table.indexes) await db.raw(createIndexSql(db, table, spec));
}

export async function dropTable(db: Knex, table: TableSchema): Promise<void> {
  await db.raw(`DROP TABLE IF EXISTS ${quoteIdent(table.name)}`);
}

interface ColumnPlan {
  dropped: ColumnSchema[];
  renamed: { from: ColumnSchema; to: ColumnSchema }[];
  added: ColumnSchema[];
  redefaulted: ColumnSchema[];
}

/** A column whose storage kind changed cannot be converted safely: it is dropped and added again. */
function planColumns(prev: TableSchema, next: TableSchema): ColumnPlan {
  const prevById = new Map(dataColumns(prev).map((c) => [c.id, c]));
  const nextById = new Map(dataColumns(next).map((c) => [c.id, c]));
  const plan: ColumnPlan = { dropped: [], renamed: [], added: [], redefaulted: [] };
  for (const [id, before] of prevById) {
    const after = nextById.get(id);
    if (!after || after.storage !== before.storage) plan.dropped.push(before);
  }
  for (const [id, after] of nextById) {
    const before = prevById.get(id);
    if (!before || before.storage !== after.storage) plan.added.push(after);
    else {
      if (before.name !== after.name) plan.renamed.push({ from: before, to: after });
      if (JSON.stringify(before.defaultValue) !== JSON.stringify(after.defaultValue)) plan.redefaulted.push(after);
    }
  }
  return plan;
}

/**
 * Renames go through temporary names so swaps (a→b, b→a) and reuse of a dropped column's name cannot
 * collide.
 */
async function renameColumns(db: Knex, tableName: string, renamed: ColumnPlan['renamed']): Promise<void> {
  const table = quoteIdent(tableName);
  for (const { from, to } of renamed) {
    await db.raw(`ALTER TABLE ${table} RENAME COLUMN ${quoteIdent(from.name)} TO ${quoteIdent(`_plinth_tmp_${to.id}`)}`);
  }
  for (const { to } of renamed) {
    await db.raw(`ALTER TABLE ${table} RENAME COLUMN ${quoteIdent(`_plinth_tmp_${to.id}`)} TO ${quoteIdent(to.name)}`);
  }
}

/** Applies prev → next: table rename, column drops/renames/adds (existing rows get the default), indexes. */
export async function alterTable(db: Knex, prev: TableSchema, next: TableSchema): Promise<void> {
  const plan = planColumns(prev, next);
  const changedIds = new Set([...plan.dropped, ...plan.renamed.map((r) => r.from)].map((c) => c.id));
  const prevNameToId = new Map(prev.columns.map((c) => [c.name, c.id]));
  const kept = new Set<string>();
  for (const spec of prev.indexes) {
    const same = next.indexes.find((candidate) => candidate.name === spec.name);
    if (same && prev.id === next.id && indexUnchanged(spec, same, changedIds, prevNameToId)) kept.add(spec.name);
    else await db.raw(dropIndexSql(prev, spec));
  }

  if (prev.name !== next.name) {
    await db.raw(`ALTER TABLE ${quoteIdent(prev.name)} RENAME TO ${quoteIdent(next.name)}`);
  }
  const table = quoteIdent(next.name);
  for (const column of plan.dropped) {
    await db.raw(`ALTER TABLE ${table} DROP COLUMN IF EXISTS ${quoteIdent(column.name)}`);
  }
  await renameColumns(db, next.name, plan.renamed);
  for (const column of plan.redefaulted) {
    await db.raw(`ALTER TABLE ${table} ALTER COLUMN ${quoteIdent(column.name)} SET DEFAULT ${defaultSql(db, column)}`);
  }
  for (const column of plan.added) {
    await db.raw(`ALTER TABLE ${table} ADD COLUMN ${columnDefinitionSql(db, column, quoteIdent(column.name))}`);
  }

  for (const spec of next.indexes) {
    if (!kept.has(spec.name)) await db.raw(createIndexSql(db, next, spec));
  }
}

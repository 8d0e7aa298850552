/**
 * Record reads and writes for one collection table. Filters and sorts come compiled from the filter compiler;
 * the hidden `_rowid` gives the default (insertion) order and is always the final tie-breaker (see
 * tieBreakDirection), so pages are stable, but it is never selected back.
 */
import type { Knex } from 'knex';
import type { CountQuery, FindQuery, OutboxEvent, RecordData, TableSchema } from '../port.js';
import { EVENTS_TABLE } from './sql-migrations.js';
import { tieBreakDirection } from '../../filter/condition.js';
import { compileCondition, compileSort } from './filter-compiler.js';
import { textArrayLiteral } from './filter-values.js';
import { isKeyLookup, runRecordSql } from './sql-record-statements.js';
import { qualifiedColumn, quoteIdent, type SqlFragment } from './sql-text.js';
import { boundValue, fromDatabaseRow, typedValue } from './sql-values.js';

/** Alias of the collection table in record queries; the compiler's own aliases all start with "_". */
const BASE_ALIAS = 't';

function selectList(table: TableSchema): string {
  return table.columns.map((c) => qualifiedColumn(BASE_ALIAS, c.name)).join(', ');
}

function returningSql(table: TableSchema): string {
  return table.columns.map((c) => quoteIdent(c.name)).join(', ');
}

function whereClause(query: CountQuery): { sql: string; bindings: unknown[] } {
  if (!query.where) return { sql: '', bindings: [] };
  const compiled = compileCondition(query.where, { alias: BASE_ALIAS });
  return { sql: ` WHERE ${compiled.sql}`, bindings: compiled.bindings };
}

/** The SELECT of a find, with `?` placeholders. */
export function findSql(query: FindQuery): { sql: string; bindings: unknown[] } {
  const { table } = query;
  const where = whereClause(query);
  const sort = query.sort?.length ? compileSort(query.sort, { alias: BASE_ALIAS }) : { sql: '', bindings: [] };
  const tieBreak = `${qualifiedColumn(BASE_ALIAS, '_rowid')} ${tieBreakDirection(query.sort) === 'asc' ? 'ASC' : 'DESC'}`;
  const order = [sort.sql, tieBreak].filter(Boolean).join(', ');
  const bindings: unknown[] = [...where.bindings, ...sort.bindings];
  let sql = `SELECT ${selectList(table)} FROM ${quoteIdent(table.name)} AS ${quoteIdent(BASE_ALIAS)}${where.sql} ORDER BY ${order}`;
  if (query.limit !== undefined) {
    sql += ' LIMIT ?';
    bindings.push(Math.max(0, Math.floor(query.limit)));
  }
  if (query.offset) {
    sql += ' OFFSET ?';
    bindings.push(Math.max(0, Math.floor(query.offset)));
  }
  return { sql, bindings };
}

export async function findRecords(db: Knex, query: FindQuery): Promise<RecordData[]> {
  const { sql, bindings } = findSql(query);
  const result = await runRecordSql(db, sql, bindings, query.table, isKeyLookup(query.where));
  return (result.rows as Record<string, unknown>[]).map((row) => fromDatabaseRow(query.table.columns, row));
}

/** The records with these ids, in no particular order: one prepared statement whatever their number. */
export async function findRecordsByIds(db: Knex, table: TableSchema, ids: string[]): Promise<RecordData[]> {
  const sql = `SELECT ${selectList(table)} FROM ${quoteIdent(table.name)} AS ${quoteIdent(BASE_ALIAS)} WHERE ${qualifiedColumn(BASE_ALIAS, 'id')} = ANY(?::text[])`;
  const result = await runRecordSql(db, sql, [textArrayLiteral(ids)], table, true);
  return (result.rows as Record<string, unknown>[]).map((row) => fromDatabaseRow(table.columns, row));
}

export async function countRecords(db: Knex, query: CountQuery): Promise<number> {
  const where = whereClause(query);
  const sql = `SELECT count(*) AS "n" FROM ${quoteIdent(query.table.name)} AS ${quoteIdent(BASE_ALIAS)}${where.sql}`;
  const result = await runRecordSql(db, sql, where.bindings, query.table, isKeyLookup(query.where));
  return Number((result.rows as { n: number | string }[])[0].n);
}

/** A value left undefined is not written: an insert gets the column's default, as knex did before. */
function writes(data: RecordData, column: string): boolean {
  return Object.prototype.hasOwnProperty.call(data, column) && data[column] !== undefined;
}

/** The columns of `data` the table has, as quoted names and bound values. */
function writtenColumns(table: TableSchema, data: RecordData): { names: string[]; placeholders: string[]; bindings: unknown[] } {
  const out = { names: [] as string[], placeholders: [] as string[], bindings: [] as unknown[] };
  for (const column of table.columns) {
    if (!writes(data, column.name)) continue;
    const bound = boundValue(column, data[column.name]);
    out.names.push(quoteIdent(column.name));
    out.placeholders.push(bound.sql);
    out.bindings.push(bound.value);
  }
  return out;
}

/** `INSERT … RETURNING` the table's columns. */
function insertSql(table: TableSchema, data: RecordData): SqlFragment {
  const { names, placeholders, bindings } = writtenColumns(table, data);
  const values = names.length ? `(${names.join(', ')}) VALUES (${placeholders.join(', ')})` : 'DEFAULT VALUES';
  return { sql: `INSERT INTO ${quoteIdent(table.name)} ${values} RETURNING ${returningSql(table)}`, bindings };
}

/**
 * `UPDATE … RETURNING` of record `id`. The id itself may change (PocketBase allows it), so it is written when
 * given and different; with nothing else to set the row is still written (id = id), so RETURNING has it.
 */
function updateSql(table: TableSchema, id: string, data: RecordData): SqlFragment {
  const { id: newId, ...changes } = data;
  const { names, placeholders, bindings } = writtenColumns(table, changes);
  const assignments = names.map((name, i) => `${name} = ${placeholders[i]}`);
  if (Object.prototype.hasOwnProperty.call(data, 'id') && newId !== id) {
    assignments.push('"id" = ?');
    bindings.push(newId);
  }
  if (assignments.length === 0) {
    assignments.push('"id" = ?');
    bindings.push(id);
  }
  return { sql: `UPDATE ${quoteIdent(table.name)} SET ${assignments.join(', ')} WHERE "id" = ? RETURNING ${returningSql(table)}`, bindings: [...bindings, id] };
}

export async function insertRecord(db: Knex, table: TableSchema, data: RecordData): Promise<RecordData> {
  const { sql, bindings } = insertSql(table, data);
  const rows = (await runRecordSql(db, sql, bindings, table, true)).rows;
  return fromDatabaseRow(table.columns, rows[0]);
}

/** PostgreSQL caps a statement at 65535 bindings; a huge batch is split into several multi-row INSERTs. */
const MAX_BINDINGS = 60_000;

/** `(columns) VALUES (…), (…)` over every column some row sets; a row without one gets the column's default. */
function valuesList(table: TableSchema, rows: RecordData[]): SqlFragment {
  const columns = table.columns.filter((c) => rows.some((row) => writes(row, c.name)));
  if (columns.length === 0) columns.push(table.columns.find((c) => c.name === 'id') ?? table.columns[0]);
  const bindings: unknown[] = [];
  const tuples = rows.map((row) => {
    const values = columns.map((column) => {
      if (!writes(row, column.name)) return 'DEFAULT';
      const bound = boundValue(column, row[column.name]);
      bindings.push(bound.value);
      return bound.sql;
    });
    return `(${values.join(', ')})`;
  });
  return { sql: `(${columns.map((c) => quoteIdent(c.name)).join(', ')}) VALUES ${tuples.join(', ')}`, bindings };
}

export async function insertRecords(db: Knex, table: TableSchema, data: RecordData[]): Promise<void> {
  const perInsert = Math.max(1, Math.floor(MAX_BINDINGS / table.columns.length));
  for (let i = 0; i < data.length; i += perInsert) {
    const values = valuesList(table, data.slice(i, i + perInsert));
    await runRecordSql(db, `INSERT INTO ${quoteIdent(table.name)} ${values.sql}`, values.bindings, table, false);
  }
}

export async function updateRecord(db: Knex, table: TableSchema, id: string, data: RecordData): Promise<RecordData | null> {
  const { sql, bindings } = updateSql(table, id, data);
  const rows = (await runRecordSql(db, sql, bindings, table, true)).rows;
  return rows.length ? fromDatabaseRow(table.columns, rows[0]) : null;
}

/**
 * A record write (an INSERT or UPDATE with RETURNING) and its outbox row in one statement: a data-modifying
 * WITH is atomic on its own, without BEGIN and COMMIT. The event's `record` is built by PostgreSQL from the
 * returned row, so it is exactly what the write stored; no row (an update of a missing id), no event.
 */
async function writeWithEvent(db: Knex, table: TableSchema, w: SqlFragment, event: OutboxEvent): Promise<RecordData | null> {
  const sql =
    `WITH "_w" AS (${w.sql}), "_e" AS (` +
    `INSERT INTO ${quoteIdent(EVENTS_TABLE)} ("id", "type", "occurred_at", "data") ` +
    `SELECT ?::text, ?::text, ?::timestamptz, ?::jsonb || jsonb_build_object('record', to_jsonb("_w")) FROM "_w") ` +
    `SELECT * FROM "_w"`;
  const bindings = [...w.bindings, event.id, event.type, event.occurredAt, JSON.stringify(event.data ?? {})];
  const rows = (await runRecordSql(db, sql, bindings, table, true)).rows;
  return rows.length ? fromDatabaseRow(table.columns, rows[0]) : null;
}

/** A gathered write's row number, record key and event, as the leading columns of its `VALUES` row. */
const EVENT_VALUES = '?::int, ?::text, ?::text, ?::text, ?::timestamptz, ?::jsonb';
const eventValues = (n: number, key: unknown, event: OutboxEvent): unknown[] => [n, key, event.id, event.type, event.occurredAt, JSON.stringify(event.data ?? {})];

/**
 * Several records, each with its own event, in one statement (the records' ids must be given and distinct):
 * writeWithEvent's statement for many rows, each event joined to its row by id and numbered so the outbox
 * keeps the callers' order. Atomic like any statement: one failing row writes none of them. Returns the
 * stored records in the order given.
 */
export async function insertRecordsWithEvents(db: Knex, table: TableSchema, inserts: { data: RecordData; event: OutboxEvent }[]): Promise<RecordData[]> {
  const values = valuesList(table, inserts.map((w) => w.data));
  const events = inserts.map(() => `(${EVENT_VALUES})`).join(', ');
  const eventBindings = inserts.flatMap((w, i) => eventValues(i, w.data.id, w.event));
  const sql =
    `WITH "_w" AS (INSERT INTO ${quoteIdent(table.name)} ${values.sql} RETURNING ${returningSql(table)}), ` +
    `"_v" ("n", "record_id", "id", "type", "occurred_at", "data") AS (VALUES ${events}), "_e" AS (` +
    `INSERT INTO ${quoteIdent(EVENTS_TABLE)} ("id", "type", "occurred_at", "data") ` +
    `SELECT "_v"."id", "_v"."type", "_v"."occurred_at", "_v"."data" || jsonb_build_object('record', to_jsonb("_w")) ` +
    `FROM "_w" JOIN "_v" ON "_v"."record_id" = "_w"."id" ORDER BY "_v"."n") ` +
    `SELECT * FROM "_w"`;
  const rows = (await runRecordSql(db, sql, [...values.bindings, ...eventBindings], table, true)).rows;
  const byId = new Map(rows.map((row) => [row.id, fromDatabaseRow(table.columns, row)]));
  return inserts.map((w) => byId.get(w.data.id) as RecordData);
}

/**
 * Several updates of distinct records that set the same columns, each with its own event, in one statement:
 * the new values and events travel as numbered `VALUES` rows joined to the table by id. Returns each stored
 * record in the order given, or null for an id that does not exist (no event then, as for a single update).
 */
export async function updateRecordsWithEvents(
  db: Knex,
  table: TableSchema,
  updates: { id: string; data: RecordData; event: OutboxEvent }[],
): Promise<(RecordData | null)[]> {
  const columns = table.columns.filter((c) => c.name !== 'id' && writes(updates[0].data, c.name));
  const bindings: unknown[] = [];
  // Rows in id order: two such statements then lock the records they share in the same order, never a deadlock.
  const order = updates.map((_, i) => i).sort((a, b) => (updates[a].id < updates[b].id ? -1 : updates[a].id > updates[b].id ? 1 : 0));
  const rows = order.map((i) => {
    const w = updates[i];
    bindings.push(...eventValues(i, w.id, w.event));
    const values = columns.map((column) => {
      const typed = typedValue(column, w.data[column.name]);
      bindings.push(typed.value);
      return typed.sql;
    });
    return `(${EVENT_VALUES}${values.map((v) => `, ${v}`).join('')})`;
  });
  const valueNames = columns.map((_, i) => `"_c${i}"`);
  const assignments = columns.map((c, i) => `${quoteIdent(c.name)} = "_v".${valueNames[i]}`);
  const returning = table.columns.map((c) => `${quoteIdent(table.name)}.${quoteIdent(c.name)}`).join(', ');
  const sql =
    `WITH "_v" ("_n", "_key", "_event_id", "_event_type", "_occurred_at", "_event_data"${valueNames.map((n) => `, ${n}`).join('')}) AS (VALUES ${rows.join(', ')}), ` +
    `"_w" AS (UPDATE ${quoteIdent(table.name)} SET ${assignments.join(', ')} FROM "_v" WHERE ${quoteIdent(table.name)}."id" = "_v"."_key" ` +
    `RETURNING ${returning}, "_v"."_n" AS "_plinth_n"), "_e" AS (` +
    `INSERT INTO ${quoteIdent(EVENTS_TABLE)} ("id", "type", "occurred_at", "data") ` +
    `SELECT "_v"."_event_id", "_v"."_event_type", "_v"."_occurred_at", "_v"."_event_data" || jsonb_build_object('record', to_jsonb("_w") - '_plinth_n') ` +
    `FROM "_w" JOIN "_v" ON "_v"."_n" = "_w"."_plinth_n" ORDER BY "_v"."_n") ` +
    `SELECT * FROM "_w"`;
  const stored = new Map<number, RecordData>();
  for (const row of (await runRecordSql(db, sql, bindings, table, true)).rows) stored.set(Number(row._plinth_n), fromDatabaseRow(table.columns, row));
  return updates.map((_, i) => stored.get(i) ?? null);
}

export async function insertRecordWithEvent(db: Knex, table: TableSchema, data: RecordData, event: OutboxEvent): Promise<RecordData> {
  return (await writeWithEvent(db, table, insertSql(table, data), event)) as RecordData;
}

export async function updateRecordWithEvent(db: Knex, table: TableSchema, id: string, data: RecordData, event: OutboxEvent): Promise<RecordData | null> {
  // Nothing to set is still a write of the row as it is, so the event carries the current record.
  return writeWithEvent(db, table, updateSql(table, id, data), event);
}

export async function deleteRecord(db: Knex, table: TableSchema, id: string): Promise<boolean> {
  const affected = await db(table.name).where('id', id).del();
  return Number(affected) > 0;
}

export async function truncateRecords(db: Knex, table: TableSchema): Promise<void> {
  await db.raw(`TRUNCATE TABLE ${quoteIdent(table.name)}`);
}

/**
 * Column types and value mapping per StorageKind (README.md). jsonb values always travel as JSON text bound
 * to `?::jsonb`: drivers would otherwise send a JS string verbatim (not valid JSON) or an array as a
 * PostgreSQL array literal.
 */
import type { Knex } from 'knex';
import type { ColumnSchema, RecordData, StorageKind } from '../port.js';

interface KindLayout {
  type: string;
  nullable: boolean;
  fallbackDefault: unknown;
}

const LAYOUT: Record<StorageKind, KindLayout> = {
  // Byte order ("C"), as SQLite compares text: the filter compiler sorts and ranges in "C", so indexes match.
  text: { type: 'text COLLATE "C"', nullable: false, fallbackDefault: '' },
  number: { type: 'double precision', nullable: false, fallbackDefault: 0 },
  bool: { type: 'boolean', nullable: false, fallbackDefault: false },
  json: { type: 'jsonb', nullable: true, fallbackDefault: null },
  list: { type: 'jsonb', nullable: false, fallbackDefault: [] },
  geo: { type: 'jsonb', nullable: false, fallbackDefault: { lon: 0, lat: 0 } },
};

export function isJsonbKind(storage: StorageKind): boolean {
  return LAYOUT[storage].type === 'jsonb';
}

function effectiveDefault(column: ColumnSchema): unknown {
  const layout = LAYOUT[column.storage];
  return column.defaultValue === undefined || (column.defaultValue === null && !layout.nullable)
    ? layout.fallbackDefault
    : column.defaultValue;
}

/** The DEFAULT clause as inline SQL: DDL takes no bind parameters, so knex escapes the literal. */
export function defaultSql(knex: Knex, column: ColumnSchema): string {
  const value = effectiveDefault(column);
  if (value === null) return 'NULL';
  if (isJsonbKind(column.storage)) return knex.raw('?::jsonb', [JSON.stringify(value)]).toQuery();
  return knex.raw('?', [value as Knex.Value]).toQuery();
}

/** `"name" type [NOT] NULL DEFAULT x` for CREATE TABLE / ADD COLUMN. */
export function columnDefinitionSql(knex: Knex, column: ColumnSchema, quotedName: string): string {
  const layout = LAYOUT[column.storage];
  return `${quotedName} ${layout.type} ${layout.nullable ? 'NULL' : 'NOT NULL'} DEFAULT ${defaultSql(knex, column)}`;
}

/** One value as its placeholder and binding. Undefined json means SQL NULL, as does JS null. */
export function boundValue(column: ColumnSchema, value: unknown): { sql: '?' | '?::jsonb'; value: unknown } {
  if (!isJsonbKind(column.storage)) return { sql: '?', value };
  if (value === null || value === undefined) return { sql: '?', value: column.storage === 'json' ? null : value };
  return { sql: '?::jsonb', value: JSON.stringify(value) };
}

/**
 * A value as a placeholder cast to its column's type: in a `VALUES` list, unlike a column assignment, an
 * untyped parameter would be taken as text.
 */
export function typedValue(column: ColumnSchema, value: unknown): { sql: string; value: unknown } {
  const bound = boundValue(column, value);
  return bound.sql === '?' ? { sql: `?::${LAYOUT[column.storage].type.replace(' COLLATE "C"', '')}`, value: bound.value } : bound;
}

/** Maps a driver row to core's record shape: the schema's columns only (never `_rowid`). */
export function fromDatabaseRow(columns: ColumnSchema[], row: Record<string, unknown>): RecordData {
  const record: RecordData = {};
  for (const column of columns) {
    const value = row[column.name];
    record[column.name] = column.storage === 'number' && typeof value === 'string' ? Number(value) : value ?? (column.storage === 'json' ? null : value);
  }
  return record;
}

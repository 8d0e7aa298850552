/**
 * Record values ↔ BSON documents. Layout: `_id` holds the record id, one field per column (by name), `_rowid`
 * the insertion sequence, `_plinth_*` shadow fields for emulated indexes. Every column is always present, so
 * queries never have to treat a missing field.
 *
 * Keys inside json values are escaped: MongoDB-compatible servers reject (or treat specially) keys containing
 * `.` or starting with `$`, while user JSON may contain any key.
 */
import type { ColumnSchema, RecordData, StorageKind, TableSchema } from '../port.js';

export const ID_FIELD = '_id';
export const ROWID_FIELD = '_rowid';
export const SHADOW_PREFIX = '_plinth_';

const FALLBACK_DEFAULT: Record<StorageKind, unknown> = {
  text: '',
  number: 0,
  bool: false,
  json: null,
  list: [],
  geo: { lon: 0, lat: 0 },
};

export function effectiveDefault(column: ColumnSchema): unknown {
  const value = column.defaultValue;
  if (value === undefined || (value === null && column.storage !== 'json')) return structuredClone(FALLBACK_DEFAULT[column.storage]);
  return structuredClone(value);
}

/** The document field of a column: `id` lives in `_id`. */
export function fieldOf(columnName: string): string {
  return columnName === 'id' ? ID_FIELD : columnName;
}

/** Schema names become document field names; refuse anything MongoDB would read as an operator or a path. */
export function assertFieldName(name: string): string {
  if (name === '' || name.startsWith('$') || name.includes('.') || name.includes('\0')) {
    throw new Error(`invalid field name for MongoDB storage: ${JSON.stringify(name)}`);
  }
  return name;
}

function escapeKey(key: string): string {
  if (key === '') return '%';
  return key.replace(/%/g, '%25').replace(/\./g, '%2E').replace(/^\$/, '%24');
}

function unescapeKey(key: string): string {
  if (key === '%') return '';
  return key.replace(/%2E/g, '.').replace(/%24/g, '$').replace(/%25/g, '%');
}

function mapKeys(value: unknown, map: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => mapKeys(item, map));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[map(key)] = mapKeys(item, map);
  return out;
}

export const encodeJson = (value: unknown): unknown => mapKeys(value, escapeKey);
export const decodeJson = (value: unknown): unknown => mapKeys(value, unescapeKey);

function isJsonLike(storage: StorageKind): boolean {
  return storage === 'json' || storage === 'geo' || storage === 'list';
}

/** One column value as stored. Undefined json means null, as in the SQL adapter. */
export function toStoredValue(column: ColumnSchema, value: unknown): unknown {
  if (column.storage === 'json') return value === undefined ? null : encodeJson(value);
  return isJsonLike(column.storage) ? encodeJson(value) : value;
}

/** The stored fields for the given columns of `data` (unknown keys are ignored, never written). */
export function toStoredFields(table: TableSchema, data: RecordData): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const column of table.columns) {
    if (Object.prototype.hasOwnProperty.call(data, column.name)) {
      fields[assertFieldName(fieldOf(column.name))] = toStoredValue(column, data[column.name]);
    }
  }
  return fields;
}

/** A full new document: given values over column defaults. */
export function newDocument(table: TableSchema, data: RecordData): Record<string, unknown> {
  const defaults: RecordData = {};
  for (const column of table.columns) if (column.name !== 'id') defaults[column.name] = effectiveDefault(column);
  return toStoredFields(table, { ...defaults, ...data });
}

/** Core's record shape: the schema's columns only. */
export function fromDocument(table: TableSchema, doc: Record<string, unknown>): RecordData {
  const record: RecordData = {};
  for (const column of table.columns) {
    const value = doc[fieldOf(column.name)];
    record[column.name] = isJsonLike(column.storage) ? decodeJson(value ?? null) : value;
  }
  return record;
}

/**
 * A document of a collection whose schema is not at hand (rows reached through relations while filtering):
 * every non-internal field, json keys unescaped (a no-op for plain values).
 */
export function fromAnyDocument(doc: Record<string, unknown>): RecordData {
  const record: RecordData = { id: doc[ID_FIELD] };
  for (const [key, value] of Object.entries(doc)) {
    if (key === ID_FIELD || key === ROWID_FIELD || key.startsWith(SHADOW_PREFIX)) continue;
    record[key] = decodeJson(value);
  }
  return record;
}

/** Columns other than json may not hold null (the SQL adapter's NOT NULL), checked before any write. */
export function nullColumns(table: TableSchema, data: RecordData): string[] {
  return table.columns
    .filter((c) => c.storage !== 'json' && Object.prototype.hasOwnProperty.call(data, c.name) && (data[c.name] === null || (c.name === 'id' && data[c.name] === undefined)))
    .map((c) => c.name);
}

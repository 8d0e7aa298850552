/**
 * Translates driver errors (pg and PGlite raise the same PostgreSQL error fields) into StorageError, so core
 * never sees SQLSTATE codes. Unique violations name the columns of the violated index: first through our own
 * index naming (sql-index-ddl.ts), else from the error detail `Key (a, lower(b))=(...)`.
 */
import { StorageError, type TableSchema } from '../port.js';
import { indexColumnsByPhysicalName } from './sql-index-ddl.js';

interface PgErrorFields {
  code?: string;
  detail?: string;
  constraint?: string;
  column?: string;
  message?: string;
  name?: string;
}

const INVALID_VALUE_CODES = new Set(['22021', '22P05', '22P02', '22003', '22007', '22008', '22023', '22001', '2201X', '2201W']);
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '53300']);

function fieldsOf(err: unknown): PgErrorFields {
  if (typeof err !== 'object' || err === null) return {};
  const f = err as PgErrorFields;
  // Other errors (e.g. core's AppError) may carry a numeric `code`: only SQLSTATE/errno strings count.
  return typeof f.code === 'string' ? f : { ...f, code: undefined, message: f.message, name: f.name };
}

/** `Key (a, lower("B"))=(x, y) already exists.` → ['a', 'B'] */
export function columnsFromDetail(detail: string | undefined): string[] {
  const match = detail ? /^Key \((.*)\)=\(/.exec(detail) : null;
  if (!match) return [];
  return match[1]
    .split(/,\s*/)
    .map((part) => part.replace(/^lower\(/i, '').replace(/\)+$/, '').replace(/::\w+$/, '').replace(/^"|"$/g, '').replace(/""/g, '"'))
    .filter((name) => name.length > 0);
}

function isConnectionError(err: unknown, f: PgErrorFields): boolean {
  if (f.code && (CONNECTION_CODES.has(f.code) || f.code.startsWith('08'))) return true;
  if (f.name === 'KnexTimeoutError') return true;
  const message = f.message ?? '';
  return /Connection terminated|connection is closed|PGlite is closed|Client has encountered a connection error/i.test(message);
}

function uniqueFields(f: PgErrorFields, table: TableSchema | undefined): string[] {
  if (f.constraint && table) {
    if (f.constraint === `${table.name}_pkey`) return ['id'];
    const columns = indexColumnsByPhysicalName(table, f.constraint);
    if (columns) return columns;
  }
  return columnsFromDetail(f.detail);
}

/** Returns a StorageError for known database failures, or the original error untouched. */
export function translateError(err: unknown, table?: TableSchema): unknown {
  if (err instanceof StorageError) return err;
  const f = fieldsOf(err);
  switch (f.code) {
    case '23505': {
      const fields = uniqueFields(f, table);
      return new StorageError('unique', fields, `Value must be unique (${fields.join(', ') || f.constraint}).`, err);
    }
    case '23502':
      return new StorageError('not_null', f.column ? [f.column] : [], `Missing required value${f.column ? ` for ${f.column}` : ''}.`, err);
    case '23503':
      return new StorageError('foreign_key', columnsFromDetail(f.detail), 'The referenced record does not exist or is still referenced.', err);
  }
  if (f.code && INVALID_VALUE_CODES.has(f.code)) {
    return new StorageError('invalid_value', f.column ? [f.column] : [], `Invalid value: ${f.message ?? f.code}`, err);
  }
  if (isConnectionError(err, f)) {
    return new StorageError('unavailable', [], `The database is unavailable: ${f.message ?? f.code}`, err);
  }
  return err;
}

/** Runs `fn`, rethrowing driver errors as StorageError. */
export async function translating<T>(fn: () => Promise<T>, table?: TableSchema): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw translateError(err, table);
  }
}

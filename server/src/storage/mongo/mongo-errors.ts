/**
 * Driver errors → StorageError, so core never sees MongoDB codes. Duplicate keys (11000) need the written
 * document to name the violated columns, so the record writers resolve them (mongo-indexes.ts) and this
 * module only classifies.
 */
import { StorageError } from '../port.js';

interface MongoErrorFields {
  code?: unknown;
  codeName?: string;
  keyPattern?: Record<string, unknown>;
  message?: string;
  name?: string;
}

const DUPLICATE_KEY_CODES = new Set([11000, 11001]);
const CONNECTION_ERROR_NAMES = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoTopologyClosedError',
  'MongoNotConnectedError',
]);

function fieldsOf(err: unknown): MongoErrorFields {
  return typeof err === 'object' && err !== null ? (err as MongoErrorFields) : {};
}

/**
 * FerretDB v1 reports a unique violation on update as InternalError (code 1) carrying its backend's message
 * instead of 11000, so that message is recognised too.
 */
const BACKEND_UNIQUE_MESSAGE = /UNIQUE constraint failed|duplicate key value violates unique constraint/;

export function isDuplicateKey(err: unknown): boolean {
  const { code, message } = fieldsOf(err);
  if (typeof code !== 'number') return false;
  return DUPLICATE_KEY_CODES.has(code) || (code === 1 && BACKEND_UNIQUE_MESSAGE.test(message ?? ''));
}

export function duplicateKeyPattern(err: unknown): Record<string, unknown> | undefined {
  return fieldsOf(err).keyPattern;
}

export function uniqueError(fields: string[], cause: unknown): StorageError {
  return new StorageError('unique', fields, `Value must be unique (${fields.join(', ') || 'unknown index'}).`, cause);
}

/** Returns a StorageError for known failures, or the original error untouched. */
export function translateError(err: unknown): unknown {
  if (err instanceof StorageError) return err;
  const f = fieldsOf(err);
  if (isDuplicateKey(err)) return uniqueError([], err);
  if (f.name && CONNECTION_ERROR_NAMES.has(f.name)) {
    return new StorageError('unavailable', [], `The database is unavailable: ${f.message ?? f.name}`, err);
  }
  // 2: BadValue, 14: TypeMismatch, 52: DollarPrefixedFieldName, 56/57: invalid paths or field names.
  if (f.code === 2 || f.code === 14 || f.code === 52 || f.code === 57) {
    return new StorageError('invalid_value', [], `Invalid value: ${f.message ?? f.codeName ?? String(f.code)}`, err);
  }
  return err;
}

export async function translating<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw translateError(err);
  }
}

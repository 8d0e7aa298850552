/** Turns a storage constraint failure during a schema change into the 400 PocketBase would answer. */
import { AppError } from '../errors.js';
import { StorageError } from '../../storage/port.js';
import { error } from './field-types/field-common.js';

export function schemaChangeError(err: unknown, message: string): unknown {
  if (!(err instanceof StorageError)) return err;
  if (err.kind === 'unique') {
    // A concurrent create of the same name/id, or existing rows breaking a new unique index.
    const key = err.fields.length ? 'indexes' : 'name';
    return new AppError('validation_failed', message, { [key]: error('validation_not_unique', 'Value must be unique.') }, err);
  }
  if (err.kind === 'unavailable') return err;
  return new AppError('bad_request', message, {}, err);
}

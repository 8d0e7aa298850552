/**
 * `POST /api/collections/{c}/auth-with-password` as a use case (contract 5.4). Unknown identities still pay
 * for one password verification so that failures take the same time whether or not the identity exists.
 */
import type { App } from '../app.js';
import { badRequest, fieldError, forbidden, notFound, type FieldErrors } from '../errors.js';
import { isAuthCollection, type AuthOptions, type Collection } from '../collections/model.js';
import type { RequestInfo } from '../../filter/request.js';
import type { RecordData, StorageSession } from '../../storage/port.js';
import { verifyDummy, verifyPassword } from './passwords.js';
import { findRecordByIdentity } from './auth-record-lookup.js';
import type { AuthResponse } from './auth-response.js';
import { completeLogin, type LoginOptions } from './auth-complete.js';

export interface PasswordCredentials {
  identity?: unknown;
  password?: unknown;
  identityField?: unknown;
}

const FAILED = 'Failed to authenticate.';
const EMAIL_SHAPE = /^[^@\s]+@[^@\s]+$/;

/** Resolves `{collection}` and insists on an auth collection (404 otherwise, as PocketBase does). */
export function requireAuthCollection(app: App, nameOrId: string): Collection & AuthOptions {
  const collection = app.collections.get(nameOrId);
  if (!collection || !isAuthCollection(collection)) throw notFound('Missing or invalid auth collection context.');
  return collection;
}

function validateCredentials(input: PasswordCredentials): { identity: string; password: string; identityField: string } {
  const errors: FieldErrors = {};
  const check = (key: 'identity' | 'password') => {
    const value = input[key];
    if (value === undefined || value === null || value === '') errors[key] = fieldError('validation_required', 'Cannot be blank.');
    else if (typeof value !== 'string') errors[key] = fieldError('validation_invalid_value', 'Invalid value.');
    else if ([...value].length > 255) errors[key] = fieldError('validation_length_out_of_range', 'The length must be between 1 and 255.');
  };
  check('identity');
  check('password');
  const identityField = input.identityField ?? '';
  if (typeof identityField !== 'string') errors.identityField = fieldError('validation_invalid_value', 'Invalid value.');
  if (Object.keys(errors).length) throw badRequest('An error occurred while validating the submitted data.', errors);
  return { identity: input.identity as string, password: input.password as string, identityField: identityField as string };
}

export async function authWithPassword(
  app: App,
  session: StorageSession,
  collectionNameOrId: string,
  input: PasswordCredentials,
  request: RequestInfo,
  opts: LoginOptions = {},
): Promise<AuthResponse> {
  const collection = requireAuthCollection(app, collectionNameOrId);
  if (!collection.passwordAuth?.enabled) throw forbidden('The collection is not configured to allow password authentication.');

  const { identity, password, identityField } = validateCredentials(input);
  const configured = collection.passwordAuth.identityFields ?? [];
  if (identityField && !configured.includes(identityField)) {
    throw badRequest('An error occurred while validating the submitted data.', {
      identityField: fieldError('validation_in_invalid', 'Must be a valid value.'),
    });
  }

  const fields = identityField ? [identityField] : orderIdentityFields(configured, identity);
  let record: RecordData | null = null;
  for (const field of fields) {
    record = await findRecordByIdentity(app, session, collection, field, identity);
    if (record) break;
  }

  const ok = record ? await verifyPassword(String(record.password ?? ''), password) : await verifyDummy(password);
  if (!record || !ok) throw badRequest(FAILED);

  return completeLogin(app, session, collection, record, { ...request, context: 'password' }, 'password', opts);
}

/** `email` goes first, and only when the identity looks like an email address. */
function orderIdentityFields(configured: string[], identity: string): string[] {
  const others = configured.filter((f) => f !== 'email');
  return configured.includes('email') && EMAIL_SHAPE.test(identity) ? ['email', ...others] : others;
}

/**
 * Extra checks and derived values for auth collection records (PocketBase's record form rules):
 * - password is required with passwordConfirm/oldPassword, and on create; passwordConfirm must match it;
 * - without manage access (superuser or manageRule) an update that changes the password needs the correct
 *   oldPassword, and email/verified may not change;
 * - a new password is hashed, and changing password or email regenerates tokenKey (invalidating tokens).
 */
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import type { StorageSession } from '../../storage/port.js';
import type { App } from '../app.js';
import type { Collection } from '../collections/model.js';
import { and, equalsIgnoreCase, idNotEquals } from '../rules/condition-build.js';
import { randomStringFromPattern } from '../collections/random-pattern.js';
import { fieldError, type FieldErrors } from '../errors.js';
import { findField, isPasswordField } from './record-fields.js';
import type { RecordInput } from './record-input.js';

const required = () => fieldError('validation_required', 'Cannot be blank.');
const mismatch = () => fieldError('validation_values_mismatch', "Values don't match.");
const defaultTokenKeyPattern = '[a-zA-Z0-9]{50}';

export interface AuthCheckInput {
  app: App;
  session: StorageSession;
  collection: Collection;
  input: RecordInput;
  /** The row about to be saved (submitted values merged over the stored ones). */
  row: Record<string, unknown>;
  existing?: Record<string, unknown>;
  /** Superuser or manager. On create the verified check is left to the caller (manage access needs the row). */
  manageAccess: boolean;
}

const text = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

export async function checkAuthInput(args: AuthCheckInput): Promise<FieldErrors> {
  const { app, session, collection, input, row, existing, manageAccess } = args;
  const errors: FieldErrors = {};
  if (collection.type !== 'auth') return errors;
  const isNew = !existing;
  const password = 'password' in input.values ? text(input.values.password) : '';
  const confirm = text(input.passwordConfirm);
  const oldPassword = text(input.oldPassword);

  if ((isNew || confirm !== '' || oldPassword !== '') && password === '') errors.password = required();

  if ((isNew || password !== '') && confirm === '') errors.passwordConfirm = required();
  else if (confirm !== password) errors.passwordConfirm = mismatch();

  if (!isNew && !manageAccess) {
    if (password !== '' || confirm !== '') {
      if (oldPassword === '') errors.oldPassword = required();
      else if (!(await verifyPassword(text(existing.password), oldPassword))) {
        errors.oldPassword = fieldError('validation_invalid_old_password', 'Missing or invalid old password.');
      }
    }
    if (text(row.email) !== text(existing.email)) errors.email = mismatch();
    if (Boolean(row.verified) !== Boolean(existing.verified)) errors.verified = mismatch();
  }
  const email = text(row.email);
  if (!errors.email && email !== '' && (isNew || email !== text(existing.email))) {
    if (await emailTaken(app, session, collection, email, text(row.id))) {
      errors.email = fieldError('validation_not_unique', 'Value must be unique.');
    }
  }
  return errors;
}

/** Emails are unique per auth collection regardless of case (the unique index alone is case-sensitive). */
async function emailTaken(app: App, session: StorageSession, collection: Collection, email: string, exceptId: string) {
  const leaf = { name: 'email', type: 'email', storage: 'text' as const, multiple: false };
  const where = and(equalsIgnoreCase(leaf, email), exceptId ? idNotEquals(exceptId) : undefined);
  return (await session.count({ table: app.collections.table(collection), where })) > 0;
}

export function verifiedMismatch(): FieldErrors {
  return { verified: mismatch() };
}

/**
 * Hashes submitted passwords (any password field) and, on auth records, regenerates tokenKey when the
 * password or the email changed. Mutates `row`; returns the names of the columns it set.
 */
export async function finalizeSecrets(
  collection: Collection,
  row: Record<string, unknown>,
  input: RecordInput,
  existing?: Record<string, unknown>,
): Promise<string[]> {
  const touched: string[] = [];
  for (const field of collection.fields) {
    if (!isPasswordField(field) || !(field.name in input.values)) continue;
    const plain = text(input.values[field.name]);
    if (plain === '') {
      if (existing) row[field.name] = existing[field.name];
      continue;
    }
    row[field.name] = await hashPassword(plain);
    touched.push(field.name);
  }
  if (collection.type === 'auth' && existing) {
    const passwordChanged = touched.includes('password');
    const emailChanged = text(row.email) !== text(existing.email);
    const tokenKey = findField(collection, 'tokenKey');
    if (tokenKey && (passwordChanged || emailChanged)) {
      const pattern = typeof tokenKey.autogeneratePattern === 'string' && tokenKey.autogeneratePattern ? tokenKey.autogeneratePattern : defaultTokenKeyPattern;
      row.tokenKey = randomStringFromPattern(pattern);
      touched.push('tokenKey');
    }
  }
  return touched;
}

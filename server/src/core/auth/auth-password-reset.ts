/**
 * Password reset (contract 5.10). The request queues a `mail:auth` job and answers 204 for every address.
 * The confirmation sets the password and a new tokenKey, which revokes every earlier session and the reset
 * token itself; the token is claimed first (auth-token-claim.ts), so one token resets the password once.
 */
import type { App } from '../app.js';
import { badRequest, fieldError } from '../errors.js';
import { findField } from '../records/record-fields.js';
import { readInput } from './auth-input.js';
import { claimToken } from './auth-token-claim.js';
import { newTokenKey, saveAuthRecord } from './auth-system-rows.js';
import { invalidToken, requireRecordToken } from './auth-verification.js';
import { requireAuthCollection } from './auth-with-password.js';
import { hashPassword } from './passwords.js';

export async function requestPasswordReset(app: App, collectionNameOrId: string, body: Record<string, unknown>): Promise<void> {
  const collection = requireAuthCollection(app, collectionNameOrId);
  if (!collection.passwordAuth?.enabled) throw badRequest('The collection is not configured to allow password authentication.');
  const input = readInput(body);
  const email = input.email('email');
  input.done();
  await app.mailer.sendAuthEmail({ kind: 'passwordReset', collectionId: collection.id, email });
}

export async function confirmPasswordReset(app: App, collectionNameOrId: string, body: Record<string, unknown>): Promise<void> {
  const collection = requireAuthCollection(app, collectionNameOrId);
  const field = findField(collection, 'password');
  const min = typeof field?.min === 'number' && field.min > 0 ? field.min : 8;
  const max = typeof field?.max === 'number' && field.max > 0 ? field.max : 71;
  const input = readInput(body);
  const token = input.string('token');
  const password = input.string('password');
  const confirm = input.string('passwordConfirm');
  if (password && !input.errors.password) {
    const length = [...password].length;
    if (length < min) input.errors.password = fieldError('validation_min_text_constraint', `Must be at least ${min} character(s).`, { min });
    else if (length > max) input.errors.password = fieldError('validation_max_text_constraint', `Must be less than ${max} character(s).`, { max });
  }
  if (confirm && !input.errors.passwordConfirm && confirm !== password) {
    input.errors.passwordConfirm = fieldError('validation_values_mismatch', "Values don't match.");
  }
  input.done();
  const { record, claims } = await requireRecordToken(app, app.storage, collection.id, token, 'passwordReset');
  // Hashing is slow: done before the transaction so that it holds its claim only briefly.
  const hash = await hashPassword(password);

  await app.storage.transaction(async (tx) => {
    if (!(await claimToken(app, tx, 'passwordReset', collection, record, claims))) throw invalidToken();
    const current = await requireRecordToken(app, tx, collection.id, token, 'passwordReset');
    const emailStillMatches = String(claims.email ?? '').toLowerCase() === String(current.record.email ?? '').toLowerCase();
    await saveAuthRecord(app, tx, collection, current.record, {
      password: hash,
      tokenKey: newTokenKey(collection),
      ...(emailStillMatches ? { verified: true } : {}),
    });
  });
}

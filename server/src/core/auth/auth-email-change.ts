/**
 * Email change (contract 5.11). The request is authenticated (no enumeration concern beyond the documented
 * "email already in use" answer) and mails the confirmation link to the new address. The confirmation needs
 * the current password, sets the new email as verified and renews tokenKey, so it works once.
 */
import type { App } from '../app.js';
import { badRequest, fieldError, forbidden, unauthorized } from '../errors.js';
import { SUPERUSERS } from '../collections/collection-builtins.js';
import type { VerifiedAuth } from './auth-token.js';
import { signRecordToken } from './auth-token.js';
import { readInput } from './auth-input.js';
import { findRecordByIdentity } from './auth-record-lookup.js';
import { claimToken } from './auth-token-claim.js';
import { renderAuthEmail } from './auth-mail-render.js';
import { newTokenKey, saveAuthRecord } from './auth-system-rows.js';
import { invalidToken, requireRecordToken } from './auth-verification.js';
import { requireAuthCollection } from './auth-with-password.js';
import { verifyPassword } from './passwords.js';
import type { StorageSession } from '../../storage/port.js';
import type { AuthOptions, Collection } from '../collections/model.js';

const emailTaken = () => fieldError('validation_email_taken', 'The email is invalid or already in use.');

async function isTaken(app: App, session: StorageSession, collection: Collection & AuthOptions, email: string, exceptId: string) {
  const found = await findRecordByIdentity(app, session, collection, 'email', email);
  return !!found && String(found.id) !== exceptId;
}

export async function requestEmailChange(
  app: App,
  collectionNameOrId: string,
  auth: VerifiedAuth | null,
  body: Record<string, unknown>,
): Promise<void> {
  const collection = requireAuthCollection(app, collectionNameOrId);
  if (!auth) throw unauthorized('The request requires valid record authorization token.');
  if (auth.collection.id !== collection.id) throw forbidden('The request requires valid record authorization token.');
  if (collection.name === SUPERUSERS) throw badRequest('Superusers can change their email directly.');
  const input = readInput(body);
  const newEmail = input.email('newEmail');
  if (newEmail && !input.errors.newEmail) {
    const current = String(auth.record.email ?? '');
    if (newEmail.toLowerCase() === current.toLowerCase()) input.errors.newEmail = fieldError('validation_same_email', 'The new email must be different.');
    else if (await isTaken(app, app.storage, collection, newEmail, String(auth.record.id))) input.errors.newEmail = emailTaken();
  }
  input.done();

  const token = await signRecordToken(app, collection, auth.record, 'emailChange', { email: auth.record.email, newEmail });
  const rendered = renderAuthEmail(app, collection.confirmEmailChangeTemplate, auth.record, { TOKEN: token });
  await app.mailer.send({ to: [{ address: newEmail }], ...rendered });
}

export async function confirmEmailChange(app: App, collectionNameOrId: string, body: Record<string, unknown>): Promise<void> {
  const collection = requireAuthCollection(app, collectionNameOrId);
  const input = readInput(body);
  const token = input.string('token');
  const password = input.string('password');
  input.done();
  const first = await requireRecordToken(app, app.storage, collection.id, token, 'emailChange');
  if (!(await verifyPassword(String(first.record.password ?? ''), password))) {
    throw badRequest('An error occurred while validating the submitted data.', {
      password: fieldError('validation_invalid_password', 'Missing or invalid auth record password.'),
    });
  }

  await app.storage.transaction(async (tx) => {
    if (!(await claimToken(app, tx, 'emailChange', collection, first.record, first.claims))) throw invalidToken();
    const { record, claims } = await requireRecordToken(app, tx, collection.id, token, 'emailChange');
    const newEmail = String(claims.newEmail ?? '');
    if (!newEmail || String(claims.email ?? '') !== String(record.email ?? '')) throw invalidToken();
    if (await isTaken(app, tx, collection, newEmail, String(record.id))) throw badRequest('An error occurred while validating the submitted data.', { newEmail: emailTaken() });
    await saveAuthRecord(app, tx, collection, record, { email: newEmail, verified: true, tokenKey: newTokenKey(collection) });
  });
}

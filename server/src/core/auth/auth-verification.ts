/**
 * Email verification (contract 5.9). The request answers 204 the same way for every address: it only queues a
 * `mail:auth` job, which finds the record later. A confirmation token is single use (auth-token-claim.ts), and
 * a record that is already verified accepts none (50 parallel confirmations of one token: exactly one succeeds).
 */
import type { App } from '../app.js';
import { badRequest, fieldError } from '../errors.js';
import { SUPERUSERS } from '../collections/collection-builtins.js';
import { readInput, INVALID_DATA } from './auth-input.js';
import { claimToken } from './auth-token-claim.js';
import { newTokenKey, saveAuthRecord } from './auth-system-rows.js';
import { verifyRecordToken, type TokenKind, type VerifiedRecordToken } from './auth-token.js';
import { requireAuthCollection } from './auth-with-password.js';
import { hashPassword } from './passwords.js';
import { randomString } from '../ids.js';
import type { StorageSession } from '../../storage/port.js';

export const invalidToken = () =>
  badRequest(INVALID_DATA, { token: fieldError('validation_invalid_token', 'Invalid or expired token.') });

/** Verifies `token` of `kind` for this collection (its record read through `session`), or throws 400. */
export async function requireRecordToken(
  app: App,
  session: StorageSession,
  collectionId: string,
  token: string,
  kind: TokenKind,
): Promise<VerifiedRecordToken> {
  const verified = await verifyRecordToken(app, session, token, kind);
  if (!verified || verified.collection.id !== collectionId) throw invalidToken();
  return verified;
}

export async function requestVerification(app: App, collectionNameOrId: string, body: Record<string, unknown>): Promise<void> {
  const collection = requireAuthCollection(app, collectionNameOrId);
  if (collection.name === SUPERUSERS) throw badRequest('Superusers are always verified.');
  const input = readInput(body);
  const email = input.email('email');
  input.done();
  await app.mailer.sendAuthEmail({ kind: 'verification', collectionId: collection.id, email });
}

export async function confirmVerification(app: App, collectionNameOrId: string, body: Record<string, unknown>): Promise<void> {
  const collection = requireAuthCollection(app, collectionNameOrId);
  const input = readInput(body);
  const token = input.string('token');
  input.done();
  const { record, claims } = await requireRecordToken(app, app.storage, collection.id, token, 'verification');
  if (record.verified === true || String(claims.email ?? '') !== String(record.email ?? '')) throw invalidToken();
  // Without password auth the record gets a random password, so a password set before verification is void.
  const password = collection.passwordAuth?.enabled ? null : await hashPassword(randomString(30));

  await app.storage.transaction(async (tx) => {
    if (!(await claimToken(app, tx, 'verification', collection, record, claims))) throw invalidToken();
    const current = await requireRecordToken(app, tx, collection.id, token, 'verification');
    if (current.record.verified === true) throw invalidToken();
    const changes = password ? { verified: true, password, tokenKey: newTokenKey(collection) } : { verified: true };
    await saveAuthRecord(app, tx, collection, current.record, changes);
  });
}

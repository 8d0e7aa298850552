/**
 * One-time passwords (contract 5.7). `request-otp` answers `{otpId}` at once for every address (a fresh id is
 * minted and handed to the `mail:auth` job, which stores the hashed code only if the address exists).
 * `auth-with-otp` allows 5 tries per record per 180 s (429 after that, counted in app.rateLimiter so it holds
 * across instances), and consumes the OTP by deleting it: one code logs in once.
 */
import type { RequestInfo } from '../../filter/request.js';
import type { App } from '../app.js';
import { AppError, badRequest, forbidden } from '../errors.js';
import { newRecordId, randomString } from '../ids.js';
import { readInput } from './auth-input.js';
import { findRecordById } from './auth-record-lookup.js';
import { completeLogin, type LoginOptions } from './auth-complete.js';
import type { AuthResponse } from './auth-response.js';
import { deleteSystemRow, isExpired, newTokenKey, OTPS, saveAuthRecord, textEquals } from './auth-system-rows.js';
import { requireAuthCollection } from './auth-with-password.js';
import { hashPassword, verifyPassword } from './passwords.js';

const INVALID = 'Invalid or expired OTP.';
const MAX_ATTEMPTS = 5;
const ATTEMPT_WINDOW_SECONDS = 180;

function requireOtpCollection(app: App, nameOrId: string) {
  const collection = requireAuthCollection(app, nameOrId);
  if (!collection.otp?.enabled) throw forbidden('The collection is not configured to allow OTP authentication.');
  return collection;
}

export async function requestOtp(app: App, collectionNameOrId: string, body: Record<string, unknown>): Promise<{ otpId: string }> {
  const collection = requireOtpCollection(app, collectionNameOrId);
  const input = readInput(body);
  const email = input.email('email');
  input.done();
  const otpId = newRecordId();
  await app.mailer.sendAuthEmail({ kind: 'otp', collectionId: collection.id, email, otpId });
  return { otpId };
}

export async function authWithOtp(
  app: App,
  collectionNameOrId: string,
  body: Record<string, unknown>,
  request: RequestInfo,
  opts: LoginOptions = {},
): Promise<AuthResponse> {
  const collection = requireOtpCollection(app, collectionNameOrId);
  const input = readInput(body);
  const otpId = input.string('otpId', { max: 255 });
  const password = input.string('password', { max: 71 });
  input.done();

  const otps = app.collections.require(OTPS);
  const [otp] = await app.storage.find({ table: app.collections.table(otps), where: textEquals('id', otpId), limit: 1 });
  if (!otp || otp.collectionRef !== collection.id) throw badRequest(INVALID);
  const recordId = String(otp.recordRef);
  if (!(await app.rateLimiter.hit(`otp-attempts|${collection.id}|${recordId}`, MAX_ATTEMPTS, ATTEMPT_WINDOW_SECONDS))) {
    throw new AppError('too_many_requests');
  }
  if (isExpired(app, otp.created, collection.otp.duration)) {
    await deleteSystemRow(app, app.storage, OTPS, otp);
    throw badRequest(INVALID);
  }
  if (!(await verifyPassword(String(otp.password ?? ''), password))) throw badRequest(INVALID);

  let record = await findRecordById(app, app.storage, collection, recordId);
  if (!record) throw badRequest(INVALID);
  // Deleting is the claim: of two concurrent uses of one code only one deletes the row.
  if (!(await deleteSystemRow(app, app.storage, OTPS, otp))) throw badRequest(INVALID);

  if (record.verified !== true && String(otp.sentTo ?? '').toLowerCase() === String(record.email ?? '').toLowerCase()) {
    // The code reached the mailbox, which proves ownership. Without MFA a password set by whoever registered
    // the address first is voided (account pre-hijacking).
    const changes = collection.mfa?.enabled
      ? { verified: true }
      : { verified: true, password: await hashPassword(randomString(30)), tokenKey: newTokenKey(collection) };
    record = await saveAuthRecord(app, app.storage, collection, record, changes);
  }
  return completeLogin(app, app.storage, collection, record, { ...request, context: 'otp' }, 'otp', opts);
}

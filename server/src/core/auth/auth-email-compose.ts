/**
 * Turns a queued AuthEmailRequest into a mail (run by the `mail:auth` job, never by the request itself):
 * finds the record by email, signs its token or creates its OTP, and fills the collection's template.
 * Null when there is nobody (or nothing) to write to, e.g. an unknown or already verified address.
 */
import type { App } from '../app.js';
import { isAuthCollection } from '../collections/model.js';
import { randomString } from '../ids.js';
import { findRecordByIdentity } from './auth-record-lookup.js';
import { recordRecipient, renderAuthEmail } from './auth-mail-render.js';
import { findOwnedRows, insertSystemRow, isExpired, OTPS } from './auth-system-rows.js';
import { signRecordToken } from './auth-token.js';
import type { AuthEmailRequest, ComposedAuthEmail } from './mail-port.js';
import { hashPassword } from './passwords.js';

/** More unexpired OTPs than this for one record and no new one is sent. */
const MAX_PENDING_OTPS = 9;

export async function composeAuthEmail(app: App, request: AuthEmailRequest): Promise<ComposedAuthEmail | null> {
  const collection = app.collections.get(request.collectionId);
  if (!collection || !isAuthCollection(collection)) return null;
  const record = await findRecordByIdentity(app, app.storage, collection, 'email', request.email);
  if (!record) return null;
  const to = recordRecipient(collection, record);

  if (request.kind === 'verification') {
    if (record.verified === true) return null;
    const token = await signRecordToken(app, collection, record, 'verification', { email: record.email });
    const rendered = renderAuthEmail(app, collection.verificationTemplate, record, { TOKEN: token });
    return { message: { to, ...rendered }, resendKey: `verification:${collection.id}:${record.id}` };
  }

  if (request.kind !== 'otp') {
    const token = await signRecordToken(app, collection, record, 'passwordReset', { email: record.email });
    const rendered = renderAuthEmail(app, collection.resetPasswordTemplate, record, { TOKEN: token });
    return { message: { to, ...rendered }, resendKey: `passwordReset:${collection.id}:${record.id}` };
  }

  const owner = { collectionId: collection.id, recordId: String(record.id) };
  const pending = (await findOwnedRows(app, app.storage, OTPS, owner)).filter((row) => !isExpired(app, row.created, collection.otp.duration));
  // A retried job finds its own OTP already stored: it must not mail a second, different code.
  if (pending.some((row) => row.id === request.otpId)) return null;
  if (pending.length > MAX_PENDING_OTPS) {
    app.logger.warn('otp not sent: too many pending codes', { collectionId: collection.id, recordId: record.id });
    return null;
  }
  const code = randomString(Math.max(4, collection.otp.length || 8), '0123456789');
  await insertSystemRow(app, app.storage, OTPS, {
    id: request.otpId,
    collectionRef: collection.id,
    recordRef: String(record.id),
    password: await hashPassword(code),
    sentTo: String(record.email ?? ''),
  });
  const rendered = renderAuthEmail(app, collection.otp.emailTemplate, record, { OTP: code, OTP_ID: request.otpId });
  return { message: { to, ...rendered } };
}

/**
 * Login alerts (contract 5.2, collection authAlert): each successful login records its device fingerprint in
 * `_authOrigins`; a login from a fingerprint the record has not used before, while it already has others,
 * mails the owner. Best effort: a failure here is logged and never fails the login.
 */
import { createHash } from 'node:crypto';
import type { RecordData } from '../../storage/port.js';
import type { App } from '../app.js';
import type { AuthOptions, Collection } from '../collections/model.js';
import { recordRecipient, renderAuthEmail } from './auth-mail-render.js';
import { AUTH_ORIGINS, findOwnedRows, insertSystemRow } from './auth-system-rows.js';

export interface AuthOrigin {
  ip: string;
  userAgent: string;
}

export const originFingerprint = (origin: AuthOrigin) =>
  createHash('sha256').update(`${origin.ip}\n${origin.userAgent}`).digest('hex').slice(0, 32);

export async function noteAuthOrigin(app: App, collection: Collection & AuthOptions, record: RecordData, origin: AuthOrigin | undefined): Promise<void> {
  if (!origin || !collection.authAlert?.enabled) return;
  try {
    const owner = { collectionId: collection.id, recordId: String(record.id) };
    const fingerprint = originFingerprint(origin);
    const known = await findOwnedRows(app, app.storage, AUTH_ORIGINS, owner);
    if (known.some((row) => row.fingerprint === fingerprint)) return;
    await insertSystemRow(app, app.storage, AUTH_ORIGINS, { collectionRef: collection.id, recordRef: String(record.id), fingerprint });
    if (known.length === 0 || !record.email) return;
    const info = `${origin.userAgent || 'unknown device'} (IP ${origin.ip || 'unknown'}), ${app.now().toISOString()}`;
    const rendered = renderAuthEmail(app, collection.authAlert.emailTemplate, record, { ALERT_INFO: info });
    await app.mailer.send({ to: recordRecipient(collection, record), ...rendered });
  } catch (err) {
    // A concurrent login from the same new device loses the unique-index race: nothing to report.
    app.logger.warn('auth alert failed', { collectionId: collection.id, recordId: record.id, error: (err as Error).message });
  }
}

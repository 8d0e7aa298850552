/**
 * Creates a `_superusers` record, or sets a new password on an existing one (CLI and start-up config).
 * A password change also gets a new tokenKey, which revokes every token issued before; the same password again
 * (every start of every instance with PLINTH_SUPERUSER_*) changes nothing, so sessions survive restarts.
 */
import type { App } from '../app.js';
import { badRequest, fieldError, type FieldErrors } from '../errors.js';
import { SUPERUSERS } from '../collections/collection-builtins.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { findRecordByIdentity } from './auth-record-lookup.js';
import { insertSystemRow, newTokenKey, saveAuthRecord } from './auth-system-rows.js';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * Returns the id of the created or updated superuser and whether it was created. The write appends its record
 * event like every other record write, so webhooks, realtime and other instances see it.
 */
export async function upsertSuperuser(app: App, email: string, password: string): Promise<{ id: string; created: boolean }> {
  const errors: FieldErrors = {};
  if (!EMAIL.test(email)) errors.email = fieldError('validation_is_email', 'Must be a valid email address.');
  if ([...password].length < 8) errors.password = fieldError('validation_min_text_constraint', 'Must be at least 8 character(s).', { min: 8 });
  if (Object.keys(errors).length) throw badRequest('Failed to create record.', errors);

  const collection = app.collections.require(SUPERUSERS);
  const hash = await hashPassword(password);
  const tokenKey = newTokenKey(collection);

  return app.storage.transaction(async (tx) => {
    const existing = await findRecordByIdentity(app, tx, collection, 'email', email);
    if (existing) {
      if (await verifyPassword(String(existing.password ?? ''), password)) return { id: String(existing.id), created: false };
      await saveAuthRecord(app, tx, collection, existing, { password: hash, tokenKey });
      return { id: String(existing.id), created: false };
    }
    const data = { email, password: hash, tokenKey, verified: true, emailVisibility: false };
    const row = await insertSystemRow(app, tx, SUPERUSERS, data);
    return { id: String(row.id), created: true };
  });
}

export async function hasSuperuser(app: App): Promise<boolean> {
  const collection = app.collections.get(SUPERUSERS);
  if (!collection) return false;
  return (await app.storage.count({ table: app.collections.table(collection) })) > 0;
}

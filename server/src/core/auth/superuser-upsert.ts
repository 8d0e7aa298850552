/**
 * Creates a `_superusers` record, or sets a new password on an existing one (CLI and start-up config).
 * A password change also gets a new tokenKey, which revokes every token issued before; the same password again
 * (every start of every instance with PLINTH_SUPERUSER_*) changes nothing, so sessions survive restarts.
 */
import type { App } from '../app.js';
import { badRequest, fieldError, type FieldErrors } from '../errors.js';
import { formatDateTime } from '../datetime.js';
import { ALNUM, newRecordId, randomString } from '../ids.js';
import type { Collection } from '../collections/model.js';
import { SUPERUSERS } from '../collections/collection-builtins.js';
import type { RecordData } from '../../storage/port.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { findRecordByIdentity } from './auth-record-lookup.js';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Returns the id of the created or updated superuser and whether it was created. */
export async function upsertSuperuser(app: App, email: string, password: string): Promise<{ id: string; created: boolean }> {
  const errors: FieldErrors = {};
  if (!EMAIL.test(email)) errors.email = fieldError('validation_is_email', 'Must be a valid email address.');
  if ([...password].length < 8) errors.password = fieldError('validation_min_text_constraint', 'Must be at least 8 character(s).', { min: 8 });
  if (Object.keys(errors).length) throw badRequest('Failed to create record.', errors);

  const collection = app.collections.require(SUPERUSERS);
  const table = app.collections.table(collection);
  const now = formatDateTime(app.now());
  const hash = await hashPassword(password);
  const tokenKey = randomString(50, ALNUM);

  return app.storage.transaction(async (tx) => {
    const existing = await findRecordByIdentity(app, tx, collection, 'email', email);
    if (existing) {
      if (await verifyPassword(String(existing.password ?? ''), password)) return { id: String(existing.id), created: false };
      await tx.update(table, String(existing.id), { password: hash, tokenKey, ...autodates(collection, now, false) });
      return { id: String(existing.id), created: false };
    }
    const data: RecordData = {
      id: newRecordId(),
      email,
      password: hash,
      tokenKey,
      verified: true,
      emailVisibility: false,
      ...autodates(collection, now, true),
    };
    const row = await tx.insert(table, data);
    return { id: String(row.id), created: true };
  });
}

export async function hasSuperuser(app: App): Promise<boolean> {
  const collection = app.collections.get(SUPERUSERS);
  if (!collection) return false;
  return (await app.storage.count({ table: app.collections.table(collection) })) > 0;
}

function autodates(collection: Collection, now: string, isNew: boolean): RecordData {
  const out: RecordData = {};
  for (const f of collection.fields) {
    if (f.type === 'autodate' && ((isNew && f.onCreate) || f.onUpdate)) out[f.name] = now;
  }
  return out;
}

/**
 * The built-in collections `_superusers` and `users` (plus the system collections of
 * collection-system-builtins.ts), created at start when missing.
 */
import type { App } from '../app.js';
import { formatDateTime } from '../datetime.js';
import { defaultCollectionId } from '../ids.js';
import { authSystemFields, autodateField, completeField, defaultAuthIndexes, idField, newTokenSecret, scaffold } from './collection-scaffold.js';
import { appendCollectionEvent } from './collection-events.js';
import { toTableSchema } from './collection-schema.js';
import {
  authOriginsCollection,
  externalAuthsCollection,
  logsCollection,
  mfasCollection,
  otpsCollection,
  usedTokensCollection,
  webhookDeliveriesCollection,
  webhooksCollection,
} from './collection-system-builtins.js';
import type { Collection, Field } from './model.js';

// Kept importable from here too: other modules and tests built against the first layout.
export { completeField, idField } from './collection-scaffold.js';

export const SUPERUSERS = '_superusers';
export const USERS_ID = '_pb_users_auth_';

function builtinAuth(id: string, name: string, overrides: Partial<Collection>, extraFields: Field[]): Collection {
  const now = formatDateTime(new Date());
  return {
    ...scaffold('auth'),
    id,
    name,
    fields: [idField(), ...authSystemFields(), ...extraFields],
    indexes: defaultAuthIndexes(id, name),
    created: now,
    updated: now,
    ...overrides,
  };
}

export function superusersCollection(): Collection {
  const c = builtinAuth(
    defaultCollectionId('auth', SUPERUSERS),
    SUPERUSERS,
    { system: true, authRule: '' },
    [autodateField('created', true), autodateField('updated', true)],
  );
  c.authToken = { duration: 86400, secret: newTokenSecret() };
  return c;
}

export function usersCollection(): Collection {
  const owner = 'id = @request.auth.id';
  const avatar = completeField({
    name: 'avatar',
    type: 'file',
    maxSelect: 1,
    mimeTypes: ['image/jpeg', 'image/png', 'image/svg+xml', 'image/gif', 'image/webp'],
  });
  const c = builtinAuth(
    USERS_ID,
    'users',
    { listRule: owner, viewRule: owner, createRule: '', updateRule: owner, deleteRule: owner },
    [completeField({ name: 'name', type: 'text', max: 255 }), avatar, autodateField('created', false), autodateField('updated', false)],
  );
  c.oauth2 = { ...c.oauth2!, mappedFields: { id: '', name: 'name', username: '', avatarURL: 'avatar' } };
  return c;
}

/**
 * Creates the missing built-in collections. Safe when several instances start at once: a concurrent creator's
 * insert makes ours fail, after which the reloaded registry has the collection and we move on. Each change
 * writes its collection event like any other, so instances already running reload their registry.
 */
export async function ensureBuiltinCollections(app: App): Promise<void> {
  await app.collections.load(app.storage);
  const builtins = [
    superusersCollection,
    usersCollection,
    externalAuthsCollection,
    mfasCollection,
    otpsCollection,
    authOriginsCollection,
    usedTokensCollection,
    // Webhooks before their deliveries: the deliveries' relation field points at it.
    webhooksCollection,
    webhookDeliveriesCollection,
    logsCollection,
  ];
  for (const make of builtins) {
    const collection = make();
    if (app.collections.get(collection.id) || app.collections.get(collection.name)) continue;
    try {
      await app.storage.transaction(async (tx) => {
        await tx.createCollection(toTableSchema(collection), collection);
        await appendCollectionEvent(app, tx, 'collection.created', collection);
      });
    } catch (err) {
      await app.collections.load(app.storage);
      if (app.collections.get(collection.id)) continue;
      throw err;
    }
    await app.collections.load(app.storage);
  }
  await upgradeWriteOnlyFlags(app, builtins.map((make) => make()));
}

/** Databases created before a system field became write-only get the flag (idempotent, so safe to race). */
async function upgradeWriteOnlyFlags(app: App, builtins: Collection[]): Promise<void> {
  for (const builtin of builtins) {
    const stored = app.collections.get(builtin.id);
    const wanted = new Set(builtin.fields.filter((f) => f.system && f.writeOnly === true).map((f) => f.name));
    if (!stored || !stored.fields.some((f) => f.system && wanted.has(f.name) && f.writeOnly !== true)) continue;
    const next = { ...stored, fields: stored.fields.map((f) => (f.system && wanted.has(f.name) ? { ...f, writeOnly: true } : f)) };
    await app.storage.transaction(async (tx) => {
      await tx.updateCollection(toTableSchema(stored), toTableSchema(next), next);
      await appendCollectionEvent(app, tx, 'collection.updated', next);
    });
    await app.collections.load(app.storage);
  }
}

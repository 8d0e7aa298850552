/**
 * PATCH /api/collections/{c}: a partial update. The DDL (column adds/renames/drops, index rebuilds) runs
 * through the storage port in one transaction. Relation fields elsewhere keep working after a rename since
 * they reference the collection id. Runs through the `collectionUpdate` hook chain (core/hooks).
 */
import type { App } from '../app.js';
import { formatDateTime } from '../datetime.js';
import type { StorageSession } from '../../storage/port.js';
import type { CollectionUpdateEvent } from '../hooks/collection-hook-events.js';
import { runCollectionHook } from '../hooks/collection-hook-run.js';
import { collectionTags } from '../hooks/record-hook-events.js';
import { hookResultMissing } from '../hooks/record-hook-run.js';
import { buildUpdatedCollection, finalizeCollection, invalidCollectionBody, isPlainObject } from './collection-input.js';
import { appendCollectionEvent } from './collection-events.js';
import { collectionToJSON } from './collection-json.js';
import { toTableSchema } from './collection-schema.js';
import { schemaChangeError } from './collection-storage-errors.js';
import { assertValidCollection } from './collection-validate.js';
import { findCollectionOr404 } from './collection-view.js';
import type { Collection } from './model.js';

const FAILED = 'Failed to update collection.';

export async function updateCollection(
  app: App,
  nameOrId: string,
  patch: unknown,
  session: StorageSession = app.storage,
): Promise<Collection> {
  const original = findCollectionOr404(app, nameOrId);
  if (!isPlainObject(patch)) throw invalidCollectionBody();
  const init = { original, body: patch };
  const event = await runCollectionHook<CollectionUpdateEvent>(app, session, app.hooks?.collectionUpdate, collectionTags(original), init, async (tx, e) => {
    e.collection = await updateCollectionBuiltin(app, original.id, e.body, tx);
  }, FAILED);
  if (!event.collection) throw hookResultMissing('collection');
  return event.collection;
}

export async function updateCollectionBuiltin(app: App, nameOrId: string, patch: unknown, session: StorageSession): Promise<Collection> {
  const existing = findCollectionOr404(app, nameOrId);
  if (!isPlainObject(patch)) throw invalidCollectionBody();
  const draft = buildUpdatedCollection(existing, patch);
  assertValidCollection({ collection: draft, original: existing, others: app.collections.all().filter((c) => c.id !== existing.id) , viewCollections: app.storage.capabilities.viewCollections });
  const collection = finalizeCollection({ ...draft, updated: formatDateTime(app.now()) });
  try {
    await session.transaction(async (tx) => {
      await tx.updateCollection(toTableSchema(existing), toTableSchema(collection), collection);
      await appendCollectionEvent(app, tx, 'collection.updated', collection);
    });
  } catch (err) {
    throw schemaChangeError(err, FAILED);
  }
  await app.collections.load(session);
  return collectionToJSON(app.collections.get(collection.id) ?? collection);
}

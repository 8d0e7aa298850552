/**
 * DELETE /api/collections/{c}: refused for system collections and collections other relations point at.
 * Runs through the `collectionDelete` hook chain (core/hooks); the built-in delete is its innermost handler.
 */
import type { App } from '../app.js';
import { AppError } from '../errors.js';
import type { StorageSession } from '../../storage/port.js';
import type { CollectionDeleteEvent } from '../hooks/collection-hook-events.js';
import { runCollectionHook } from '../hooks/collection-hook-run.js';
import { collectionTags } from '../hooks/record-hook-events.js';
import { appendCollectionEvent } from './collection-events.js';
import { toTableSchema } from './collection-schema.js';
import { findCollectionOr404 } from './collection-view.js';
import type { Collection } from './model.js';

/** Other collections with relation fields targeting `target`. */
export function collectionReferences(all: Collection[], target: Collection): Collection[] {
  return all.filter((c) => c.id !== target.id && c.fields.some((f) => f.type === 'relation' && f.collectionId === target.id));
}

export async function deleteCollection(app: App, nameOrId: string, session: StorageSession = app.storage): Promise<void> {
  const collection = findCollectionOr404(app, nameOrId);
  await runCollectionHook<CollectionDeleteEvent>(app, session, app.hooks?.collectionDelete, collectionTags(collection), { collection }, (tx, e) =>
    deleteCollectionBuiltin(app, e.collection.id, tx),
  'Failed to delete collection.');
}

export async function deleteCollectionBuiltin(app: App, nameOrId: string, session: StorageSession): Promise<void> {
  const collection = findCollectionOr404(app, nameOrId);
  if (collection.system) throw new AppError('bad_request', 'Failed to delete collection.');
  const refs = collectionReferences(app.collections.all(), collection);
  if (refs.length) {
    throw new AppError('bad_request', `Failed to delete collection probably due to existing reference in ${refs.map((r) => r.name).join(', ')}.`);
  }
  await session.transaction(async (tx) => {
    await tx.deleteCollection(toTableSchema(collection));
    await appendCollectionEvent(app, tx, 'collection.deleted', collection);
  });
  await app.collections.load(session);
}

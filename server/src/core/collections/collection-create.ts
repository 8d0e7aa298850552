/**
 * POST /api/collections: a new collection from submitted JSON over its type scaffold, through the
 * `collectionCreate` hook chain (core/hooks); the built-in create is its innermost handler.
 */
import type { App } from '../app.js';
import { formatDateTime } from '../datetime.js';
import type { StorageSession } from '../../storage/port.js';
import { createTags, type CollectionCreateEvent } from '../hooks/collection-hook-events.js';
import { runCollectionHook } from '../hooks/collection-hook-run.js';
import { hookResultMissing } from '../hooks/record-hook-run.js';
import { buildNewCollection, finalizeCollection, invalidCollectionBody, isPlainObject } from './collection-input.js';
import { appendCollectionEvent } from './collection-events.js';
import { collectionToJSON } from './collection-json.js';
import { toTableSchema } from './collection-schema.js';
import { schemaChangeError } from './collection-storage-errors.js';
import { assertValidCollection } from './collection-validate.js';
import type { Collection } from './model.js';

const FAILED = 'Failed to create collection.';


export async function createCollection(app: App, input: unknown, session: StorageSession = app.storage): Promise<Collection> {
  if (!isPlainObject(input)) throw invalidCollectionBody();
  const event = await runCollectionHook<CollectionCreateEvent>(app, session, app.hooks?.collectionCreate, createTags(input), { body: input }, async (tx, e) => {
    e.collection = await createCollectionBuiltin(app, e.body, tx);
  }, FAILED);
  if (!event.collection) throw hookResultMissing('collection');
  return event.collection;
}

export async function createCollectionBuiltin(app: App, input: unknown, session: StorageSession): Promise<Collection> {
  if (!isPlainObject(input)) throw invalidCollectionBody();
  const draft = buildNewCollection(input, (id) => !!app.collections.get(id));
  assertValidCollection({ collection: draft, original: null, others: app.collections.all() , viewCollections: app.storage.capabilities.viewCollections });
  const now = formatDateTime(app.now());
  const collection = finalizeCollection({ ...draft, created: now, updated: now });
  try {
    await session.transaction(async (tx) => {
      await tx.createCollection(toTableSchema(collection), collection);
      await appendCollectionEvent(app, tx, 'collection.created', collection);
    });
  } catch (err) {
    throw schemaChangeError(err, FAILED);
  }
  await app.collections.load(session);
  return collectionToJSON(app.collections.get(collection.id) ?? collection);
}

/** GET /api/collections/{c}: one collection by id or name. */
import type { App } from '../app.js';
import { notFound } from '../errors.js';
import { collectionToJSON } from './collection-json.js';
import type { Collection } from './model.js';

export function findCollectionOr404(app: App, nameOrId: string): Collection {
  const c = app.collections.get(nameOrId);
  if (!c) throw notFound();
  return c;
}

export async function viewCollection(app: App, nameOrId: string): Promise<Collection> {
  return collectionToJSON(findCollectionOr404(app, nameOrId));
}

/** GET /api/collections/meta/scaffolds: blank collections per type (id and name empty, no secrets). */
import { scaffold } from './collection-scaffold.js';
import { collectionToJSON } from './collection-json.js';
import type { Collection, CollectionType } from './model.js';

export function scaffolds(): Record<CollectionType, Collection> {
  return {
    auth: collectionToJSON(scaffold('auth')),
    base: collectionToJSON(scaffold('base')),
    view: collectionToJSON(scaffold('view')),
  };
}

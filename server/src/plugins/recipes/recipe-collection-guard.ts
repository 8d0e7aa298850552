/**
 * Recipe: shape and guard schema changes. Collection "before" hooks wrap the collection use cases in one
 * transaction with their DDL. On create, every new base collection gets an `owner` relation to users (added to
 * the submitted body before next(), so it is validated and created like any other field). On delete, a
 * collection that still holds records is refused: the check reads through `records.within(event)`, inside the
 * delete's transaction, and the thrown error keeps its status and message; nothing is dropped.
 *
 *   PLINTH_PLUGINS=./recipes/recipe-collection-guard.js   (config: {"ownerField": "owner"})
 */
import type { PlinthPlugin } from '../plugin-api.js';

const USERS_ID = '_pb_users_auth_';

const recipeCollectionGuard: PlinthPlugin<{ ownerField: string }> = {
  name: 'recipe-collection-guard',
  config: { ownerField: { type: 'string', default: 'owner' } },
  register(api, config) {
    api.hooks.onCollectionCreate(async (event, next) => {
      const fields = Array.isArray(event.body.fields) ? (event.body.fields as { name?: unknown }[]) : [];
      const isBase = (event.body.type ?? 'base') === 'base';
      if (isBase && !fields.some((f) => f.name === config.ownerField)) {
        event.body.fields = [...fields, { name: config.ownerField, type: 'relation', collectionId: USERS_ID, maxSelect: 1 }];
      }
      await next();
    });
    api.hooks.onCollectionDelete(async (event, next) => {
      const { name, type } = event.collection;
      if (type !== 'view' && (await api.records.within(event).first(name, 'id != ""'))) {
        throw api.errors.badRequest(`Delete the records of "${name}" before deleting the collection.`);
      }
      await next();
    });
  },
};

export default recipeCollectionGuard;

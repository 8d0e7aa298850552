/**
 * Recipe: change what gets saved. A "before" hook on create and update fills `slug` from `title` before the
 * built-in write validates and saves the body. Tagged with the collection, so other collections never see it.
 *
 *   PLINTH_PLUGINS=./recipes/recipe-slug.js   (config: {"collection": "articles"})
 */
import type { PlinthPlugin } from '../plugin-api.js';

const slugify = (text: string) => text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

const recipeSlug: PlinthPlugin<{ collection: string }> = {
  name: 'recipe-slug',
  config: { collection: { type: 'string', default: 'articles' } },
  register(api, config) {
    const fill = async (event: { body: Record<string, unknown> }, next: () => Promise<void>) => {
      if (typeof event.body.title === 'string' && !event.body.slug) event.body.slug = slugify(event.body.title);
      await next();
    };
    api.hooks.onRecordCreate(fill, { collections: [config.collection] });
    api.hooks.onRecordUpdate(fill, { collections: [config.collection] });
  },
};

export default recipeSlug;

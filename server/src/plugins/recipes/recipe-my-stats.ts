/**
 * Recipe: a custom route with the built-in routes' auth, rules and error envelope. Only `users` may call it;
 * it reads through the use cases as the caller (the listRule decides what counts), checks a rule on a single
 * record with `rules.allows`, reads its namespaced settings, and answers with an explicit status.
 */
import type { PlinthPlugin } from '../plugin-api.js';

const recipeMyStats: PlinthPlugin<Record<string, unknown>, { label: string }> = {
  name: 'recipe-my-stats',
  settings: { defaults: { label: 'Your posts' } },
  register(api) {
    api.routes.get('/api/recipes/my-stats', async (req) => {
      req.requireAuth('users');
      // Client filters may not use @request (as over HTTP): the caller's id goes in as a literal.
      const mine = await api.records.as(req.caller).list('posts', { filter: `author = "${req.caller.request.auth!.id}"`, perPage: '1' });
      const probe = req.query.canEdit;
      if (probe !== undefined && !/^[a-z0-9]{15}$/.test(probe)) {
        throw api.errors.badRequest('Invalid data.', { canEdit: api.errors.fieldError('validation_invalid_id', 'Must be a record id.') });
      }
      const canEdit = probe ? await api.rules.allows(req.caller, 'posts', 'updateRule', probe) : null;
      return api.reply(200, { label: api.settings.get().label, posts: mine.totalItems, canEdit }, { 'cache-control': 'no-store' });
    });
  },
};

export default recipeMyStats;

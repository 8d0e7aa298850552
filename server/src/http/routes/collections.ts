/** Collections API (contract 4.6): superusers only, thin adapters to the collection use cases. */
import type Router from '@koa/router';
import type { App } from '../../core/app.js';
import { badRequest } from '../../core/errors.js';
import { createCollection } from '../../core/collections/collection-create.js';
import { deleteCollection } from '../../core/collections/collection-delete.js';
import { importCollections } from '../../core/collections/collection-import.js';
import { listCollections } from '../../core/collections/collection-list.js';
import { scaffolds } from '../../core/collections/collection-scaffolds.js';
import { updateCollection } from '../../core/collections/collection-update.js';
import { viewCollection } from '../../core/collections/collection-view.js';
import { truncateRecords } from '../../core/records/record-truncate.js';
import type { PlinthState } from '../http-state.js';
import { queryParam, recordsContext, requireSuperuser } from '../route-guards.js';

export function registerCollectionRoutes(router: Router<PlinthState>, app: App): void {
  const superuser = requireSuperuser();

  router.get('/api/collections/meta/scaffolds', superuser, (ctx) => {
    ctx.body = scaffolds();
  });

  router.put('/api/collections/import', superuser, async (ctx) => {
    const { collections, deleteMissing } = ctx.state.body;
    if (!Array.isArray(collections)) throw badRequest('An error occurred while validating the submitted data.', {
      collections: { code: 'validation_required', message: 'Cannot be blank.' },
    });
    await importCollections(app, collections, deleteMissing === true);
    ctx.status = 204;
  });

  router.get('/api/collections', superuser, async (ctx) => {
    const q = (name: string) => queryParam(ctx, name);
    ctx.body = await listCollections(app, {
      page: q('page'),
      perPage: q('perPage'),
      sort: q('sort'),
      filter: q('filter'),
      skipTotal: q('skipTotal'),
    });
  });

  router.post('/api/collections', superuser, async (ctx) => {
    ctx.body = await createCollection(app, ctx.state.body);
  });

  router.get('/api/collections/:collection', superuser, async (ctx) => {
    ctx.body = await viewCollection(app, ctx.params.collection);
  });

  router.patch('/api/collections/:collection', superuser, async (ctx) => {
    ctx.body = await updateCollection(app, ctx.params.collection, ctx.state.body);
  });

  router.delete('/api/collections/:collection', superuser, async (ctx) => {
    await deleteCollection(app, ctx.params.collection);
    ctx.status = 204;
  });

  router.delete('/api/collections/:collection/truncate', superuser, async (ctx) => {
    await truncateRecords(recordsContext(app, ctx), ctx.params.collection);
    ctx.status = 204;
  });
}

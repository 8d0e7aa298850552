/** Records CRUD (contract 2.1–2.5): thin adapters from HTTP to the records use cases. */
import type Router from '@koa/router';
import type { App } from '../../core/app.js';
import { createRecord } from '../../core/records/record-create.js';
import { deleteRecord } from '../../core/records/record-delete.js';
import { listRecords } from '../../core/records/record-list.js';
import { updateRecord } from '../../core/records/record-update.js';
import { viewRecord } from '../../core/records/record-view.js';
import { toUploads } from '../files/request-uploads.js';
import type { PlinthState } from '../http-state.js';
import { queryParam, recordsContext } from '../route-guards.js';

const BASE = '/api/collections/:collection/records';

export function registerRecordRoutes(router: Router<PlinthState>, app: App): void {
  router.get(BASE, async (ctx) => {
    const q = (name: string) => queryParam(ctx, name);
    ctx.body = await listRecords(recordsContext(app, ctx), ctx.params.collection, {
      page: q('page'),
      perPage: q('perPage'),
      sort: q('sort'),
      filter: q('filter'),
      expand: q('expand'),
      skipTotal: q('skipTotal'),
    });
  });

  router.get(`${BASE}/:id`, async (ctx) => {
    ctx.body = await viewRecord(recordsContext(app, ctx), ctx.params.collection, ctx.params.id, { expand: queryParam(ctx, 'expand') });
  });

  router.post(BASE, async (ctx) => {
    ctx.body = await createRecord(recordsContext(app, ctx), ctx.params.collection, ctx.state.body, {
      expand: queryParam(ctx, 'expand'),
      files: await toUploads(ctx.state.files),
    });
  });

  router.patch(`${BASE}/:id`, async (ctx) => {
    ctx.body = await updateRecord(recordsContext(app, ctx), ctx.params.collection, ctx.params.id, ctx.state.body, {
      expand: queryParam(ctx, 'expand'),
      files: await toUploads(ctx.state.files),
    });
  });

  router.delete(`${BASE}/:id`, async (ctx) => {
    await deleteRecord(recordsContext(app, ctx), ctx.params.collection, ctx.params.id);
    ctx.status = 204;
  });
}

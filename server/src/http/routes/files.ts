/** Files (contract 7): `GET /api/files/{collection}/{recordId}/{filename}` and `POST /api/files/token`. */
import type Router from '@koa/router';
import type { App } from '../../core/app.js';
import { toBool } from '../../core/collections/field-types/field-common.js';
import { notFound, unauthorized } from '../../core/errors.js';
import { issueFileToken, locateFile } from '../../files/file-access.js';
import { contentDisposition, contentTypeOf, FILE_CACHE_CONTROL, FILE_CSP } from '../../files/file-content-type.js';
import { servedKey } from '../../files/thumb-cache.js';
import { etagOf, isNotModified, requestedRange } from '../files/file-response.js';
import type { PlinthRouterContext, PlinthState } from '../http-state.js';
import { firstQueryValues, snakeCaseHeaders } from '../request-info.js';
import { queryParam } from '../route-guards.js';

export function registerFileRoutes(router: Router<PlinthState>, app: App): void {
  const serve = async (ctx: PlinthRouterContext) => {
    const target = await locateFile(app, {
      collection: ctx.params.collection,
      recordId: ctx.params.recordId,
      filename: ctx.params.filename,
      token: queryParam(ctx, 'token'),
      query: firstQueryValues(ctx.query),
      headers: snakeCaseHeaders(ctx.headers),
    });
    const key = await servedKey(app, target, queryParam(ctx, 'thumb'));
    const info = await app.files.stat(key);
    if (!info) throw notFound();

    const contentType = contentTypeOf(target.filename, info.contentType);
    const etag = etagOf(info);
    ctx.remove('X-Frame-Options');
    ctx.set('Content-Security-Policy', FILE_CSP);
    ctx.set('Cache-Control', FILE_CACHE_CONTROL);
    ctx.set('Content-Disposition', contentDisposition(target.filename, contentType, toBool(queryParam(ctx, 'download') ?? '')));
    ctx.set('Accept-Ranges', 'bytes');
    ctx.set('ETag', etag);
    ctx.set('Last-Modified', info.modified.toUTCString());
    ctx.type = contentType;

    if (isNotModified(ctx, info, etag)) {
      ctx.status = 304;
      return;
    }
    const range = requestedRange(ctx, info, etag);
    if (range === 'unsatisfiable') {
      ctx.status = 416;
      ctx.set('Content-Range', `bytes */${info.size}`);
      ctx.remove('Content-Type');
      ctx.body = '';
      return;
    }
    ctx.status = range ? 206 : 200;
    if (range) ctx.set('Content-Range', `bytes ${range.start}-${range.end}/${info.size}`);
    const length = range ? range.end - range.start + 1 : info.size;
    if (ctx.method === 'HEAD') {
      ctx.length = length;
      return;
    }
    ctx.body = await app.files.stream(key, range);
    ctx.length = length;
  };

  // @koa/router answers HEAD with the GET route; serve() then sends the headers only.
  router.get('/api/files/:collection/:recordId/:filename', serve);

  router.post('/api/files/token', async (ctx) => {
    if (!ctx.state.auth) throw unauthorized('The request requires valid record authorization token.');
    ctx.body = { token: await issueFileToken(app, ctx.state.auth) };
  });
}

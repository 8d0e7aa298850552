/**
 * Runs one batch sub-request against the records use cases. Only record writes are batchable: POST (create),
 * PUT (upsert: update when body.id exists, else create), PATCH (update) and DELETE on the records API.
 */
import type { App } from '../../core/app.js';
import { badRequest } from '../../core/errors.js';
import { createRecord } from '../../core/records/record-create.js';
import { deleteRecord } from '../../core/records/record-delete.js';
import { updateRecord } from '../../core/records/record-update.js';
import type { FileChangeLog } from '../../core/records/record-files.js';
import type { RecordsContext } from '../../core/records/records-context.js';
import type { FileUpload } from '../../files/port.js';
import { findById } from '../../core/rules/rule-match.js';
import type { RequestInfo } from '../../filter/request.js';
import type { StorageSession } from '../../storage/port.js';
import { projectResponse } from '../fields-projection.js';
import { firstQueryValues, snakeCaseHeaders } from '../request-info.js';
import type { BatchSubRequest } from './batch-request.js';

export interface BatchResult {
  status: number;
  body: unknown;
}

const RECORDS_PATH = /^\/api\/collections\/([^/?]+)\/records(?:\/([^/?]+))?$/;

export interface BatchCaller {
  /** The batch request's own RequestInfo: its auth and headers apply to every sub-request. */
  request: RequestInfo;
  isSuperuser: boolean;
}

/** What the batch owns across its sub-requests: their uploads, and the file change log settled after commit. */
export interface BatchFiles {
  uploads: FileUpload[];
  changes: FileChangeLog;
}

export async function runBatchAction(
  app: App,
  session: StorageSession,
  caller: BatchCaller,
  sub: BatchSubRequest,
  files?: BatchFiles,
): Promise<BatchResult> {
  const url = new URL(sub.url, 'http://batch.local');
  const match = RECORDS_PATH.exec(url.pathname);
  if (!match) throw badRequest();
  const collection = decodeURIComponent(match[1]);
  const id = match[2] === undefined ? undefined : decodeURIComponent(match[2]);

  // Sub-request headers are applied on top of the batch's, except Authorization (the batch caller's auth wins).
  const subHeaders = snakeCaseHeaders(Object.fromEntries(Object.entries(sub.headers).filter(([k]) => k.toLowerCase() !== 'authorization')));
  const query = firstQueryValues(url.searchParams);
  const request: RequestInfo = {
    ...caller.request,
    method: sub.method,
    query,
    headers: { ...caller.request.headers, ...subHeaders },
    body: {},
    context: 'batch',
  };
  const ctx: RecordsContext = { app, session, caller: { request, isSuperuser: caller.isSuperuser }, fileChanges: files?.changes };
  const opts = { expand: query.expand, files: files?.uploads };

  let result: BatchResult;
  if (sub.method === 'POST' && id === undefined) {
    result = { status: 200, body: await createRecord(ctx, collection, sub.body, opts) };
  } else if (sub.method === 'PUT' && id === undefined) {
    const upsertId = typeof sub.body.id === 'string' ? sub.body.id : '';
    const exists = upsertId !== '' && (await findById(session, app.collections.table(app.collections.require(collection)), upsertId)) !== null;
    result = exists
      ? { status: 200, body: await updateRecord({ ...ctx, caller: { ...ctx.caller, request: { ...request, method: 'PATCH' } } }, collection, upsertId, sub.body, opts) }
      : { status: 200, body: await createRecord({ ...ctx, caller: { ...ctx.caller, request: { ...request, method: 'POST' } } }, collection, sub.body, opts) };
  } else if (sub.method === 'PATCH' && id !== undefined) {
    result = { status: 200, body: await updateRecord(ctx, collection, id, sub.body, opts) };
  } else if (sub.method === 'DELETE' && id !== undefined) {
    await deleteRecord(ctx, collection, id);
    result = { status: 204, body: null };
  } else {
    throw badRequest();
  }

  if (query.fields && result.body !== null) result.body = projectResponse(result.body, query.fields);
  return result;
}

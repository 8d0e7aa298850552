/**
 * Finding the file a `GET /api/files/{collection}/{recordId}/{filename}` asks for (contract 7): the collection,
 * the record and a file field holding that exact name must all exist, else 404. For `protected` fields the
 * file token's record becomes `@request.auth` and the collection's viewRule must pass (context
 * `protectedFile`); superusers pass. Path segments are checked before anything is looked up.
 */
import type { App } from '../core/app.js';
import { signRecordToken, verifyRecordToken, type VerifiedAuth } from '../core/auth/auth-token.js';
import { SUPERUSERS } from '../core/collections/collection-builtins.js';
import type { Collection, Field } from '../core/collections/model.js';
import { AppError, notFound } from '../core/errors.js';
import { valueList } from '../core/records/record-fields.js';
import { ruleCondition } from '../core/rules/rule-condition.js';
import { findById, matchesCondition } from '../core/rules/rule-match.js';
import type { RequestInfo } from '../filter/request.js';
import { fileKey, isSafeSegment } from './port.js';

export interface FileTarget {
  collection: Collection;
  recordId: string;
  field: Field;
  filename: string;
  key: string;
}

export interface FileRequest {
  collection: string;
  recordId: string;
  filename: string;
  /** `?token=`: a file token, needed for protected fields. */
  token?: string;
  /** `@request.query/headers` of the request (rules may read them). */
  query: Record<string, string>;
  headers: Record<string, string>;
}

export async function locateFile(app: App, req: FileRequest): Promise<FileTarget> {
  if (![req.collection, req.recordId, req.filename].every(isSafeSegment)) throw notFound();
  const collection = app.collections.get(req.collection);
  if (!collection) throw notFound();
  const record = await findById(app.storage, app.collections.table(collection), req.recordId);
  if (!record) throw notFound();
  const field = collection.fields.find((f) => f.type === 'file' && valueList(record[f.name]).includes(req.filename));
  if (!field) throw notFound();
  const recordId = String(record.id);
  if (field.protected === true && !(await canReadProtected(app, collection, recordId, req))) throw notFound();
  return { collection, recordId, field, filename: req.filename, key: fileKey(collection.id, recordId, req.filename) };
}

async function canReadProtected(app: App, collection: Collection, recordId: string, req: FileRequest): Promise<boolean> {
  const token = req.token ? await verifyRecordToken(app, app.storage, req.token, 'file') : null;
  if (token?.collection.name === SUPERUSERS) return true;
  const request: RequestInfo = {
    auth: token ? { id: String(token.record.id), collectionId: token.collection.id, collectionName: token.collection.name, record: token.record } : null,
    method: 'GET',
    query: req.query,
    headers: req.headers,
    body: {},
    context: 'protectedFile',
  };
  try {
    const outcome = ruleCondition(app, collection, 'viewRule', request);
    if (outcome.locked) return false;
    return await matchesCondition(app.storage, app.collections.table(collection), recordId, outcome.condition);
  } catch (err) {
    // A rule that cannot be evaluated for this request denies access; it is not the caller's bad input.
    if (err instanceof AppError) return false;
    throw err;
  }
}

/** `POST /api/files/token`: a short-lived `type:"file"` token for the authenticated record. */
export function issueFileToken(app: App, auth: VerifiedAuth): Promise<string> {
  return signRecordToken(app, auth.collection, auth.record, 'file');
}

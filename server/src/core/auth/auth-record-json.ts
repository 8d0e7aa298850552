/**
 * The record part of an auth response: the record as its owner sees it (its email always included; a
 * superuser sees all of its own fields), with `expand` resolved as that record.
 */
import type { App } from '../app.js';
import type { Collection } from '../collections/model.js';
import { SUPERUSERS } from '../collections/collection-builtins.js';
import type { RequestInfo } from '../../filter/request.js';
import type { RecordData, StorageSession } from '../../storage/port.js';
import { expandRecord } from '../records/record-expand.js';
import type { RecordJSON, RecordsContext } from '../records/records-context.js';
import { serializeRecord } from '../records/serialize-record.js';

export async function serializeAuthRecord(
  app: App,
  session: StorageSession,
  collection: Collection,
  record: RecordData,
  request: RequestInfo,
  expand?: string,
): Promise<RecordJSON> {
  const id = String(record.id);
  const isSuperuser = collection.name === SUPERUSERS;
  // Rules seen while expanding are evaluated as the freshly authenticated record.
  const asOwner: RequestInfo = { ...request, auth: { id, collectionId: collection.id, collectionName: collection.name, record } };
  const json = serializeRecord(collection, record, { isSuperuser, emailVisibleIds: new Set([id]) });
  if (expand) {
    const ctx: RecordsContext = { app, session, caller: { request: asOwner, isSuperuser } };
    await expandRecord(ctx, collection, record, json, expand);
  }
  return json;
}

/**
 * Reads and writes of auth records and of the auth system collections (_externalAuths, _mfas, _otps,
 * _authOrigins, _usedTokens) done by the auth flows and the superuser upsert themselves. Every write appends its
 * record event in the same session, like the records use cases do, so realtime/webhooks see verification,
 * password resets, links and superusers created from the CLI too.
 */
import type { Condition } from '../../filter/condition.js';
import type { RecordData, StorageSession } from '../../storage/port.js';
import type { App } from '../app.js';
import type { Collection } from '../collections/model.js';
import { formatDateTime } from '../datetime.js';
import { ALNUM, newRecordId, randomString } from '../ids.js';
import { randomStringFromPattern } from '../collections/random-pattern.js';
import { and, basePath } from '../rules/condition-build.js';
import { appendRecordEvent } from '../records/record-events.js';
import { findField } from '../records/record-fields.js';

export const EXTERNAL_AUTHS = '_externalAuths';
export const MFAS = '_mfas';
export const OTPS = '_otps';
export const AUTH_ORIGINS = '_authOrigins';

/** Exact (case-sensitive) equality on a text column: provider ids and refs must never match loosely. */
export function textEquals(name: string, value: string): Condition {
  return {
    kind: 'compare',
    op: 'eq',
    quantifier: 'all',
    left: basePath({ name, type: 'text', storage: 'text', multiple: false }),
    right: { kind: 'literal', value },
  };
}

/** Rows of a system collection owned by one auth record, optionally narrowed by more exact column matches. */
export async function findOwnedRows(
  app: App,
  session: StorageSession,
  systemName: string,
  owner: { collectionId: string; recordId?: string },
  match: Record<string, string> = {},
): Promise<RecordData[]> {
  const collection = app.collections.require(systemName);
  const where = and(
    textEquals('collectionRef', owner.collectionId),
    owner.recordId === undefined ? undefined : textEquals('recordRef', owner.recordId),
    ...Object.entries(match).map(([k, v]) => textEquals(k, v)),
  );
  return session.find({ table: app.collections.table(collection), where });
}

function stamp(collection: Collection, now: string, isNew: boolean): RecordData {
  const out: RecordData = {};
  for (const f of collection.fields) if (f.type === 'autodate' && ((isNew && f.onCreate) || f.onUpdate)) out[f.name] = now;
  return out;
}

export async function insertSystemRow(app: App, session: StorageSession, systemName: string, data: RecordData): Promise<RecordData> {
  const collection = app.collections.require(systemName);
  const row = await session.insert(app.collections.table(collection), {
    id: newRecordId(),
    ...stamp(collection, formatDateTime(app.now()), true),
    ...data,
  });
  await appendRecordEvent(app, session, 'record.created', collection, row);
  return row;
}

/** Deletes one row; false when it was already gone (a concurrent request consumed it first). */
export async function deleteSystemRow(app: App, session: StorageSession, systemName: string, row: RecordData): Promise<boolean> {
  const collection = app.collections.require(systemName);
  const deleted = await session.delete(app.collections.table(collection), String(row.id));
  if (deleted) await appendRecordEvent(app, session, 'record.deleted', collection, row);
  return deleted;
}

/** A fresh tokenKey: every token signed with the previous one stops verifying. */
export function newTokenKey(collection: Collection): string {
  const field = findField(collection, 'tokenKey');
  const pattern = typeof field?.autogeneratePattern === 'string' && field.autogeneratePattern ? field.autogeneratePattern : '';
  return pattern ? randomStringFromPattern(pattern) : randomString(50, ALNUM);
}

/** Updates an auth record (bumping its autodate fields) and appends the record.updated event. */
export async function saveAuthRecord(
  app: App,
  session: StorageSession,
  collection: Collection,
  previous: RecordData,
  changes: RecordData,
): Promise<RecordData> {
  const data = { ...stamp(collection, formatDateTime(app.now()), false), ...changes };
  const updated = await session.update(app.collections.table(collection), String(previous.id), data);
  if (!updated) return previous;
  await appendRecordEvent(app, session, 'record.updated', collection, updated, previous);
  return updated;
}

/** True when `createdAt` (a stored datetime) is more than `seconds` before now. */
export function isExpired(app: App, createdAt: unknown, seconds: number): boolean {
  const created = Date.parse(String(createdAt ?? '').replace(' ', 'T'));
  return !Number.isFinite(created) || created + seconds * 1000 < app.now().getTime();
}

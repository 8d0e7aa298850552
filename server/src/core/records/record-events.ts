/**
 * Record domain events, appended to the outbox in the caller's transaction (committed with the change or
 * dropped with it). The record travels in storage shape; consumers serialise it per audience.
 */
import { stampEvent, type RecordEventData, type RecordEventType } from '../../events/domain-event.js';
import type { OutboxEvent, RecordData, StorageSession } from '../../storage/port.js';
import type { App } from '../app.js';
import type { Collection } from '../collections/model.js';
import type { Caller } from './records-context.js';

/**
 * Who made a change, carried in the event for consumers such as an audit log: the authenticated record, or
 * null for a guest. Absent when no request caller is known (system writes by jobs or plugins).
 */
export interface EventActor {
  collectionName: string;
  id: string;
}

export function actorOf(caller: Caller): EventActor | null | undefined {
  const auth = caller.request.auth;
  if (auth) return { collectionName: auth.collectionName, id: auth.id };
  return caller.isSuperuser ? undefined : null;
}

export function appendRecordEvent(
  app: App,
  tx: StorageSession,
  type: RecordEventType,
  collection: Collection,
  record: RecordData,
  previous?: RecordData,
  actor?: EventActor | null,
): Promise<void> {
  return tx.appendEvents([recordEvent(app, type, collection, record, previous, actor)]);
}

/** The event of a record change; without `record` for insertWithEvent/updateWithEvent, which add the stored row. */
export function recordEvent(
  app: App,
  type: RecordEventType,
  collection: Collection,
  record: RecordData | undefined,
  previous?: RecordData,
  actor?: EventActor | null,
): OutboxEvent {
  const data: Omit<RecordEventData, 'record'> & { record?: RecordData; actor?: EventActor | null } = { collectionId: collection.id, collectionName: collection.name };
  if (record) data.record = record;
  if (previous) data.previous = previous;
  if (actor !== undefined) data.actor = actor;
  return stampEvent({ type, data: data as RecordEventData }, app.now());
}

/**
 * Record domain events, appended to the outbox in the caller's transaction (committed with the change or
 * dropped with it). The record travels in storage shape; consumers serialise it per audience.
 */
import { stampEvent, type RecordEventData, type RecordEventType } from '../../events/domain-event.js';
import type { RecordData, StorageSession } from '../../storage/port.js';
import type { App } from '../app.js';
import type { Collection } from '../collections/model.js';

export function appendRecordEvent(
  app: App,
  tx: StorageSession,
  type: RecordEventType,
  collection: Collection,
  record: RecordData,
  previous?: RecordData,
): Promise<void> {
  const data: RecordEventData = { collectionId: collection.id, collectionName: collection.name, record };
  if (previous) data.previous = previous;
  return tx.appendEvents([stampEvent({ type, data }, app.now())]);
}

/** Collection domain events, appended to the outbox in the same transaction as the schema change. */
import { stampEvent, type CollectionEventType } from '../../events/domain-event.js';
import type { StorageSession } from '../../storage/port.js';
import type { App } from '../app.js';
import type { Collection } from './model.js';

export function appendCollectionEvent(app: App, tx: StorageSession, type: CollectionEventType, collection: Collection): Promise<void> {
  return tx.appendEvents([stampEvent({ type, data: { collectionId: collection.id, collectionName: collection.name } }, app.now())]);
}

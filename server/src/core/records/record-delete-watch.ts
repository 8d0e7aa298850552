/**
 * A look at each record just before it is deleted, inside the delete's transaction (cascaded deletes
 * included). The domain knows nothing of who watches: the realtime engine uses it to decide which subscribers
 * may see the delete event while the row, and everything its rules reach through relations, still exists.
 * A watcher must not fail the delete: it catches its own errors and must leave the transaction usable
 * (e.g. by querying inside a savepoint).
 */
import type { RecordData, StorageSession } from '../../storage/port.js';
import type { Collection } from '../collections/model.js';

export interface RecordDeleteWatcher {
  beforeDelete(session: StorageSession, collection: Collection, record: RecordData): Promise<void>;
}

/**
 * Delete events are access-checked BEFORE the row disappears (contract 6): rules with relation hops or
 * `@collection` joins can only be evaluated while the row is stored. The hub registers this as the App's
 * record delete watcher; inside the delete's transaction it decides, once per distinct audience of this
 * instance's subscribers to that record, whether it may see the delete, and keeps the decisions until the
 * committed `record.deleted` event arrives. Decisions of deletes that were rolled back simply expire.
 */
import type { App } from '../core/app.js';
import type { Collection } from '../core/collections/model.js';
import type { RecordDeleteWatcher } from '../core/records/record-delete-watch.js';
import type { RecordData, StorageSession } from '../storage/port.js';
import { EventAudiences } from './realtime-access.js';
import type { RealtimeClient } from './realtime-client.js';
import type { RealtimeTopic } from './realtime-topic.js';

/** Long enough for any transaction to commit and its event to be dispatched. */
const KEEP_MS = 5 * 60_000;

interface Pending {
  at: number;
  decided: Map<string, boolean>;
}

/** Thrown out of the savepoint to roll it back after a failed query, so the delete's transaction stays usable. */
class CheckFailed extends Error {
  constructor(readonly decided: Map<string, boolean>) {
    super('realtime pre-delete check failed');
  }
}

export class DeleteChecks implements RecordDeleteWatcher {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly app: App,
    /** The (client, topic) pairs of this instance subscribed to a record of the collection. */
    private readonly subscribers: (collection: Collection, recordId: string) => Array<[RealtimeClient, RealtimeTopic]>,
  ) {}

  async beforeDelete(session: StorageSession, collection: Collection, record: RecordData): Promise<void> {
    const id = String(record.id);
    const pairs = this.subscribers(collection, id);
    if (pairs.length === 0) return;
    const data = { collectionId: collection.id, collectionName: collection.name, record };
    let decided: Map<string, boolean>;
    try {
      decided = await session.transaction(async (sp) => {
        let failed = false;
        const audiences = new EventAudiences(this.app, collection, 'delete', data, { session: sp, rowStored: true, onFailure: () => (failed = true) });
        // One at a time: a transaction is one connection, and pg would only queue concurrent queries on it
        // (deprecated, an error from pg 9).
        for (const [client, topic] of pairs) await audiences.decide(client.auth, topic);
        const result = await audiences.decisions();
        if (failed) throw new CheckFailed(result);
        return result;
      });
    } catch (err) {
      if (!(err instanceof CheckFailed)) throw err;
      decided = err.decided;
    }
    this.prune();
    this.pending.delete(`${collection.id}/${id}`);
    this.pending.set(`${collection.id}/${id}`, { at: Date.now(), decided });
  }

  /** The decisions taken for this record's delete, removed from the store. */
  take(collectionId: string, recordId: string): Map<string, boolean> | undefined {
    const key = `${collectionId}/${recordId}`;
    const found = this.pending.get(key);
    this.pending.delete(key);
    return found?.decided;
  }

  private prune(): void {
    const cutoff = Date.now() - KEEP_MS;
    for (const [key, entry] of this.pending) {
      if (entry.at >= cutoff) break; // insertion order = age order
      this.pending.delete(key);
    }
  }
}

/**
 * The "before" hook points of the collection lifecycle (create, update, delete). Like the record ones they wrap
 * the built-in use case inside one transaction (the DDL, the catalogue row and the outbox event commit or roll
 * back together): change `body` before next(), read `collection` after it, throw to abort. Handlers are tagged
 * by collection name (and id, once there is one). `PUT /api/collections/import` does not run them: it applies
 * a whole schema validated as one set, which per-collection rewrites would invalidate; its changes still feed
 * the "after" hooks.
 */
import type { Collection } from '../collections/model.js';
import type { RecordsContext } from '../records/records-context.js';

interface CollectionWriteEvent {
  /**
   * The running change's context (a superuser caller; its session is the change's transaction): records read
   * or written through it, e.g. with the plugin API's `records.within(event)`, commit or roll back with it.
   */
  readonly context: RecordsContext;
}

export interface CollectionCreateEvent extends CollectionWriteEvent {
  /** The submitted collection JSON; handlers may change it (fields, rules, indexes...) before next(). */
  body: Record<string, unknown>;
  /** Set once next() resolved: the created collection as the client will receive it. */
  collection?: Collection;
}

export interface CollectionUpdateEvent extends CollectionWriteEvent {
  /** The collection as it is before the change. */
  readonly original: Collection;
  /** The submitted partial update; handlers may change it before next(). */
  body: Record<string, unknown>;
  /** Set once next() resolved: the updated collection. */
  collection?: Collection;
}

export interface CollectionDeleteEvent extends CollectionWriteEvent {
  /** The collection about to be deleted. */
  readonly collection: Collection;
}

/** Tags of a collection create: the submitted name and id (when given), as a created collection would carry. */
export function createTags(body: Record<string, unknown>): string[] {
  return [body.name, body.id].filter((v): v is string => typeof v === 'string' && v !== '');
}

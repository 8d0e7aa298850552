/**
 * The events of the record and collection lifecycle hook points, and the App's hook registry.
 *
 * "before" points (recordCreate/Update/Delete, and collectionCreate/Update/Delete) wrap the built-in write: their handlers run inside the write's
 * transaction, may change `body` before `next()`, see the saved `record` after it, and abort (rolling the whole
 * write back) by throwing. "after" points are fed only by committed events (plugins/plugin-after-hooks.ts):
 * they never see uncommitted data and never affect the request.
 */
import type { FileUpload } from '../../files/port.js';
import type { Collection } from '../collections/model.js';
import type { Caller, RecordJSON, RecordsContext } from '../records/records-context.js';
import type { CollectionCreateEvent, CollectionDeleteEvent, CollectionUpdateEvent } from './collection-hook-events.js';
import { Hook } from './hook-chain.js';
import type { RequestHookEvent } from './request-hook-events.js';
import { WriteScope } from './write-scope.js';

interface RecordWriteEvent {
  readonly collection: Collection;
  readonly caller: Caller;
  /**
   * The use-case context of the running write: its session is the write's transaction. Reads and writes made
   * through it (e.g. the plugin API's `records.within(event)`) commit or roll back with the write.
   */
  readonly context: RecordsContext;
}

export interface RecordCreateEvent extends RecordWriteEvent {
  /** The submitted values; handlers may change them before next(). */
  body: Record<string, unknown>;
  files: readonly FileUpload[];
  expand?: string;
  /** Set by the built-in create once next() resolved: the record as the caller will receive it. */
  record?: RecordJSON;
}

export interface RecordUpdateEvent extends RecordWriteEvent {
  readonly id: string;
  body: Record<string, unknown>;
  files: readonly FileUpload[];
  expand?: string;
  record?: RecordJSON;
}

export interface RecordDeleteEvent extends RecordWriteEvent {
  readonly id: string;
}

/** A committed record change, as "after" handlers receive it (storage shape, every field). */
export interface RecordAfterEvent {
  /** The committed event's id: stable across redeliveries (use it for idempotency). */
  readonly eventId: string;
  readonly occurredAt: string;
  readonly collection: Collection;
  readonly record: Record<string, unknown>;
  /** The stored record before an update. */
  readonly previous?: Record<string, unknown>;
  /** Who made the change: the auth record, null for a guest, absent for system writes (jobs, plugins). */
  readonly actor?: { collectionName: string; id: string } | null;
}

export interface CollectionAfterEvent {
  readonly eventId: string;
  readonly occurredAt: string;
  readonly collectionId: string;
  readonly collectionName: string;
  /** The collection as this instance knows it after the change; absent after a delete. */
  readonly collection?: Collection;
}

export interface AppHooks {
  /** The transaction of the "before" chain running in the current async context (plugin records join it). */
  readonly scope: WriteScope;
  readonly recordCreate: Hook<RecordCreateEvent>;
  readonly recordUpdate: Hook<RecordUpdateEvent>;
  readonly recordDelete: Hook<RecordDeleteEvent>;
  readonly recordAfterCreate: Hook<RecordAfterEvent>;
  readonly recordAfterUpdate: Hook<RecordAfterEvent>;
  readonly recordAfterDelete: Hook<RecordAfterEvent>;
  /** Around the collection create/update/delete use cases (collection-hook-events.ts). */
  readonly collectionCreate: Hook<CollectionCreateEvent>;
  readonly collectionUpdate: Hook<CollectionUpdateEvent>;
  readonly collectionDelete: Hook<CollectionDeleteEvent>;
  readonly collectionAfterCreate: Hook<CollectionAfterEvent>;
  readonly collectionAfterUpdate: Hook<CollectionAfterEvent>;
  readonly collectionAfterDelete: Hook<CollectionAfterEvent>;
  /** Around `GET /api/collections/{c}/records`. */
  readonly recordsListRequest: Hook<RequestHookEvent>;
  /** Around `GET /api/collections/{c}/records/{id}`. */
  readonly recordViewRequest: Hook<RequestHookEvent>;
  /** Around the auth endpoints `POST /api/collections/{c}/auth-*` and `auth-refresh`. */
  readonly recordAuthRequest: Hook<RequestHookEvent>;
}

export function createAppHooks(): AppHooks {
  return {
    scope: new WriteScope(),
    recordCreate: new Hook(),
    recordUpdate: new Hook(),
    recordDelete: new Hook(),
    recordAfterCreate: new Hook(),
    recordAfterUpdate: new Hook(),
    recordAfterDelete: new Hook(),
    collectionCreate: new Hook(),
    collectionUpdate: new Hook(),
    collectionDelete: new Hook(),
    collectionAfterCreate: new Hook(),
    collectionAfterUpdate: new Hook(),
    collectionAfterDelete: new Hook(),
    recordsListRequest: new Hook(),
    recordViewRequest: new Hook(),
    recordAuthRequest: new Hook(),
  };
}

/** The tags a collection's events carry: handlers may be tagged with either its name or its id. */
export const collectionTags = (collection: { id: string; name: string }): string[] => [collection.name, collection.id];

/**
 * Typed domain events. Every change to records or collections writes one of these into the outbox in the same
 * transaction as the change (see events/README.md once written); side effects (webhooks, realtime, plugin
 * "after" hooks, jobs) consume only committed events. Event type names are a closed union, never built from strings.
 */
import { randomUUID } from 'node:crypto';
import type { OutboxEvent, StoredOutboxEvent } from '../storage/port.js';

export type RecordEventType = 'record.created' | 'record.updated' | 'record.deleted';
export type CollectionEventType = 'collection.created' | 'collection.updated' | 'collection.deleted';
export type DomainEventType = RecordEventType | CollectionEventType;

export interface RecordEventData {
  collectionId: string;
  collectionName: string;
  /** The record in storage shape with every field (hidden ones too); consumers serialise per audience. */
  record: Record<string, unknown>;
  /** The stored record before an update. */
  previous?: Record<string, unknown>;
}

export interface CollectionEventData {
  collectionId: string;
  collectionName: string;
}

export type DomainEvent =
  | { type: RecordEventType; data: RecordEventData }
  | { type: CollectionEventType; data: CollectionEventData };

/** An event as read back from the outbox after its transaction committed. */
export type CommittedEvent = DomainEvent & {
  /** Stable unique id (used as the webhook-id and for idempotent consumers). */
  id: string;
  /** Monotonic position in the outbox; consumers keep a cursor on it. */
  seq: number;
  /** ISO-8601 time the change was made. */
  occurredAt: string;
};

/** A new event stamped for the outbox (StorageSession.appendEvents): a fresh stable id and the time of the change. */
export function stampEvent(event: DomainEvent, at: Date): OutboxEvent {
  return { id: newEventId(), type: event.type, data: event.data, occurredAt: at.toISOString() };
}

/** Unique, URL-safe; used as the Standard Webhooks `webhook-id`. */
export const newEventId = (): string => 'evt_' + randomUUID().replaceAll('-', '');

/** An outbox row read back as a typed event (types only ever come from this union, see stampEvent). */
export function toCommittedEvent(stored: StoredOutboxEvent): CommittedEvent {
  return { ...stored, type: stored.type, data: stored.data } as CommittedEvent;
}

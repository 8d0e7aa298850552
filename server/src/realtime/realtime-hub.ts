/**
 * The realtime hub of one instance: its SSE clients and their subscriptions, fed by the committed-event stream
 * ('live' consumer: every instance reads the shared outbox, so a change committed through any instance reaches
 * the subscribers connected here). Record events become `create`/`update`/`delete` messages per subscription;
 * they also keep the captured auth of clients current (dropped on delete, tokenKey change or a new token
 * secret of its collection). The hub also takes the provider answers of the all-in-one OAuth2 flow
 * (realtime-oauth2.ts) and decides delete events before their rows go (realtime-delete-checks.ts).
 */
import type { App } from '../core/app.js';
import type { VerifiedAuth } from '../core/auth/auth-token.js';
import { isAuthCollection } from '../core/collections/model.js';
import { badRequest, fieldError, forbidden, notFound } from '../core/errors.js';
import { randomString } from '../core/ids.js';
import type { CommittedEvent, RecordEventData } from '../events/domain-event.js';
import type { Collection } from '../core/collections/model.js';
import { EventAudiences, type RealtimeAction } from './realtime-access.js';
import { RealtimeClient, type ClientLimits, type SseSink } from './realtime-client.js';
import { DeleteChecks } from './realtime-delete-checks.js';
import { OAuth2Redirects } from './realtime-oauth2.js';
import { parseTopic, type RealtimeTopic } from './realtime-topic.js';

// A Map, not an object literal: an event type named like an Object member (`constructor`) must find nothing.
const ACTIONS = new Map<string, RealtimeAction>([['record.created', 'create'], ['record.updated', 'update'], ['record.deleted', 'delete']]);
const MAX_TOPICS = 1000;
const MAX_TOPIC_LENGTH = 2500;

export const clientNotFound = () => notFound('Missing or invalid client id.');

/** The `subscriptions` of a subscribe call (absent means none), or the 400 PocketBase gives. */
export function validSubscriptions(subscriptions: unknown): string[] {
  const list: unknown = subscriptions === undefined || subscriptions === null ? [] : subscriptions;
  if (!Array.isArray(list) || list.some((s) => typeof s !== 'string')) {
    throw badRequest('An error occurred while validating the submitted data.', { subscriptions: fieldError('validation_invalid_value', 'Invalid value.') });
  }
  if (list.length > MAX_TOPICS) {
    throw badRequest('An error occurred while validating the submitted data.', {
      subscriptions: fieldError('validation_length_too_long', `The length must be no more than ${MAX_TOPICS}.`, { max: MAX_TOPICS }),
    });
  }
  const tooLong = list.findIndex((s: string) => s.length > MAX_TOPIC_LENGTH);
  if (tooLong >= 0) {
    throw badRequest('An error occurred while validating the submitted data.', {
      subscriptions: { [String(tooLong)]: fieldError('validation_length_out_of_range', `The length must be between 1 and ${MAX_TOPIC_LENGTH}.`) },
    });
  }
  return list as string[];
}

export const DEFAULT_LIMITS: ClientLimits = { idleMs: 5 * 60_000, maxLifetimeMs: 30 * 60_000 };

export class RealtimeHub {
  private readonly clients = new Map<string, RealtimeClient>();
  private readonly unsubscribe: () => void;
  private readonly deleteChecks: DeleteChecks;
  private readonly oauth2: OAuth2Redirects;

  constructor(
    private readonly app: App,
    private readonly limits: ClientLimits = DEFAULT_LIMITS,
  ) {
    this.unsubscribe = app.events.subscribe(`realtime:${randomString(12)}`, (event) => this.onEvent(event), { mode: 'live' });
    this.deleteChecks = new DeleteChecks(app, (collection, id) => this.subscribersOf(collection, id));
    this.oauth2 = new OAuth2Redirects((id) => this.clients.get(id));
    app.recordDeleteWatcher = this.deleteChecks;
    app.oauth2Redirect = this.oauth2;
  }

  get size(): number {
    return this.clients.size;
  }

  connect(ip: string, sink: SseSink): RealtimeClient {
    const client = new RealtimeClient(ip, sink, this.limits, (c) => {
      this.clients.delete(c.id);
      this.app.metrics.realtimeConnections.dec();
    });
    this.clients.set(client.id, client);
    this.app.metrics.realtimeConnections.inc();
    client.send('PB_CONNECT', { clientId: client.id });
    return client;
  }

  /** Whether the client's stream is open on this instance (else another instance may hold it). */
  holds(clientId: string): boolean {
    const client = this.clients.get(clientId);
    return client !== undefined && !client.isClosed;
  }

  /** `POST /api/realtime`: replaces the client's subscriptions; the call's auth becomes (or must match) the client's. */
  subscribe(clientId: string, ip: string, auth: VerifiedAuth | null, subscriptions: unknown): void {
    const list = validSubscriptions(subscriptions);
    const client = typeof clientId === 'string' ? this.clients.get(clientId) : undefined;
    if (!client || client.isClosed) throw clientNotFound();
    if (client.ip !== ip) throw badRequest('The current and the previous request IP don\'t match.');
    if (client.auth && (!auth || auth.collection.id !== client.auth.collection.id || String(auth.record.id) !== String(client.auth.record.id))) {
      throw forbidden("The current and the previous request authorization don't match.");
    }
    client.auth = auth;
    client.names = new Set(list);
    client.topics = [...client.names].map(parseTopic).filter((t) => t !== null);
  }

  close(): void {
    this.unsubscribe();
    if (this.app.recordDeleteWatcher === this.deleteChecks) this.app.recordDeleteWatcher = undefined;
    if (this.app.oauth2Redirect === this.oauth2) this.app.oauth2Redirect = undefined;
    for (const client of [...this.clients.values()]) client.close();
  }

  private async onEvent(event: CommittedEvent): Promise<void> {
    if (this.clients.size === 0) return;
    this.dropStaleAuths();
    const action = ACTIONS.get(event.type);
    if (!action) return;
    const data = event.data as RecordEventData;
    try {
      await this.deliver(action, data);
    } finally {
      // After delivery: the event itself (e.g. the deletion of a subscriber's own record) is judged with the auth
      // the client had when the change happened; later events see the refreshed (or dropped) auth.
      this.refreshAuths(action, data);
    }
  }

  private async deliver(action: RealtimeAction, data: RecordEventData): Promise<void> {
    const collection = this.app.collections.get(data.collectionId);
    if (!collection || collection.id !== data.collectionId) return;
    const id = String(data.record.id);
    const decided = action === 'delete' ? this.deleteChecks.take(collection.id, id) : undefined;
    const audiences = new EventAudiences(this.app, collection, action, data, { decided });
    await Promise.all(
      this.subscribersOf(collection, id).map(([client, topic]) =>
        audiences.messageFor(client.auth, topic).then((message) => {
          if (message !== null) client.send(topic.raw, message);
        }),
      ),
    );
  }

  /** Every (client, topic) of this instance that an event on this record concerns. */
  private subscribersOf(collection: Collection, id: string): Array<[RealtimeClient, RealtimeTopic]> {
    const out: Array<[RealtimeClient, RealtimeTopic]> = [];
    for (const client of this.clients.values()) {
      for (const topic of client.topics) {
        const target = this.app.collections.get(topic.collection);
        if (target?.id === collection.id && (topic.recordId === undefined || topic.recordId === id)) out.push([client, topic]);
      }
    }
    return out;
  }

  /**
   * A captured auth stands for a token: once its collection is gone or signs tokens with another secret
   * (collection.updated), that token is void and so is the auth. Checked lazily on every event, so it also
   * holds on an instance whose registry reloads only after the collection event was dispatched.
   */
  private dropStaleAuths(): void {
    for (const client of this.clients.values()) {
      const auth = client.auth;
      if (!auth) continue;
      const current = this.app.collections.get(auth.collection.id);
      if (!current || current.id !== auth.collection.id || current.authToken?.secret !== auth.collection.authToken?.secret) client.auth = null;
    }
  }

  /** Keeps captured auths current: deleted records and changed tokenKeys lose it; other updates refresh it. */
  private refreshAuths(action: RealtimeAction, data: RecordEventData): void {
    const collection = this.app.collections.get(data.collectionId);
    if (!collection || !isAuthCollection(collection) || action === 'create') return;
    const id = String(data.record.id);
    for (const client of this.clients.values()) {
      const auth = client.auth;
      if (!auth || auth.collection.id !== collection.id || String(auth.record.id) !== id) continue;
      const revoked = action === 'delete' || (data.previous !== undefined && data.previous.tokenKey !== data.record.tokenKey);
      client.auth = revoked ? null : { ...auth, collection, record: data.record };
    }
  }
}


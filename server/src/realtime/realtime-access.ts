/**
 * Per-event access checks and payloads for subscribers (contract 6). A subscriber's result depends only on its
 * auth, the rule kind (list for `c/*`, view for `c/{id}`) and its topic options, so every check and payload
 * is computed ONCE per distinct audience per event and shared: a thousand guests on `posts/*` cost one rule
 * query, not a thousand. A failing check denies that audience only.
 */
import type { App } from '../core/app.js';
import type { VerifiedAuth } from '../core/auth/auth-token.js';
import { SUPERUSERS } from '../core/collections/collection-builtins.js';
import type { Collection } from '../core/collections/model.js';
import { toSingleResponse } from '../core/records/record-access.js';
import type { RecordsContext } from '../core/records/records-context.js';
import { and } from '../core/rules/condition-build.js';
import { resolveExpression, ruleCondition } from '../core/rules/rule-condition.js';
import { matchesCondition } from '../core/rules/rule-match.js';
import type { RecordEventData } from '../events/domain-event.js';
import { evaluateCondition } from '../filter/evaluate.js';
import type { RequestInfo } from '../filter/request.js';
import type { StorageSession } from '../storage/port.js';
import { projectResponse } from '../http/fields-projection.js';
import type { RealtimeTopic } from './realtime-topic.js';

export type RealtimeAction = 'create' | 'update' | 'delete';

/** What a subscriber's access decision depends on: equal keys share one check and one payload. */
export const audienceKey = (auth: VerifiedAuth | null, topic: RealtimeTopic): string =>
  JSON.stringify([auth?.collection.id ?? '', auth ? String(auth.record.id) : '', topic.recordId ? 'view' : 'list', topic.query, topic.headers]);

export interface AudienceOptions {
  /** Where rules are evaluated (default app.storage); a delete's transaction while its row still exists. */
  session?: StorageSession;
  /** True while the event's row is still stored (pre-delete checks): delete rules are then run in storage. */
  rowStored?: boolean;
  /** Decisions taken earlier by audience key (before the row was deleted); they win over any evaluation. */
  decided?: ReadonlyMap<string, boolean>;
  /** Told when a check failed (and was therefore denied). */
  onFailure?: () => void;
}

export class EventAudiences {
  private readonly checks = new Map<string, Promise<boolean>>();
  private readonly payloads = new Map<string, Promise<unknown>>();

  constructor(
    private readonly app: App,
    private readonly collection: Collection,
    private readonly action: RealtimeAction,
    private readonly data: RecordEventData,
    private readonly opts: AudienceOptions = {},
  ) {}

  /** Whether this audience may see the record (checked once per audience key; a failing check denies). */
  decide(auth: VerifiedAuth | null, topic: RealtimeTopic): Promise<boolean> {
    const key = audienceKey(auth, topic);
    let check = this.checks.get(key);
    if (!check) {
      const earlier = this.opts.decided?.get(key);
      check = earlier !== undefined
        ? Promise.resolve(earlier)
        : this.allowed(auth, topic).catch((err: unknown) => {
            this.app.logger.debug('realtime access check failed', { topic: topic.raw, error: String(err) });
            this.opts.onFailure?.();
            return false;
          });
      this.checks.set(key, check);
    }
    return check;
  }

  /** Every decision taken so far, by audience key. */
  async decisions(): Promise<Map<string, boolean>> {
    const out = new Map<string, boolean>();
    for (const [key, check] of this.checks) out.set(key, await check);
    return out;
  }

  /** The `{action, record}` message for this subscriber, or null when it may not see the record. */
  async messageFor(auth: VerifiedAuth | null, topic: RealtimeTopic): Promise<unknown | null> {
    if (!(await this.decide(auth, topic))) return null;
    const key = audienceKey(auth, topic);
    let payload = this.payloads.get(key);
    if (!payload) {
      payload = this.payload(auth, topic).catch((err: unknown) => {
        this.app.logger.warn('realtime payload failed', { topic: topic.raw, error: String(err) });
        return null;
      });
      this.payloads.set(key, payload);
    }
    return payload;
  }

  private request(auth: VerifiedAuth | null, topic: RealtimeTopic): RequestInfo {
    return {
      auth: auth ? { id: String(auth.record.id), collectionId: auth.collection.id, collectionName: auth.collection.name, record: auth.record } : null,
      method: 'GET',
      query: topic.query,
      headers: topic.headers,
      body: {},
      context: 'realtime',
    };
  }

  private async allowed(auth: VerifiedAuth | null, topic: RealtimeTopic): Promise<boolean> {
    const superuser = auth?.collection.name === SUPERUSERS;
    const request = this.request(auth, topic);
    let condition;
    if (!superuser) {
      const outcome = ruleCondition(this.app, this.collection, topic.recordId ? 'viewRule' : 'listRule', request);
      if (outcome.locked) return false;
      condition = outcome.condition;
    }
    const filter = topic.query.filter;
    if (filter) condition = and(condition, resolveExpression(this.app, this.collection, filter, request, !superuser));
    if (!condition) return true;
    // Deletes are normally decided before the row disappeared (realtime-delete-checks.ts). Without such a
    // decision (a subscriber that came later, or a delete committed through another instance) the last state
    // is judged in memory, which cannot follow relation hops.
    if (this.action === 'delete' && !this.opts.rowStored) return evaluateCondition(condition, this.data.record);
    const session = this.opts.session ?? this.app.storage;
    return matchesCondition(session, this.app.collections.table(this.collection), String(this.data.record.id), condition);
  }

  private async payload(auth: VerifiedAuth | null, topic: RealtimeTopic): Promise<unknown> {
    const ctx: RecordsContext = {
      app: this.app,
      session: this.app.storage,
      caller: { request: this.request(auth, topic), isSuperuser: auth?.collection.name === SUPERUSERS },
    };
    let record: unknown = await toSingleResponse(ctx, this.collection, this.data.record, topic.query.expand);
    if (topic.query.fields) record = projectResponse(record, topic.query.fields);
    return { action: this.action, record };
  }
}

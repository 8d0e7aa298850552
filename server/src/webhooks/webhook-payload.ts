/**
 * What a webhook receives for a committed record event, and whether the event passes its filter. The body is
 * built once, when the event is turned into delivery jobs, so every retry sends the same bytes.
 */
import type { App } from '../core/app.js';
import type { Collection } from '../core/collections/model.js';
import { resolveExpression } from '../core/rules/rule-condition.js';
import { matchesCondition } from '../core/rules/rule-match.js';
import { serializeRecord } from '../core/records/serialize-record.js';
import type { CommittedEvent, RecordEventData, RecordEventType } from '../events/domain-event.js';
import { evaluateCondition } from '../filter/evaluate.js';
import { FilterError } from '../filter/errors.js';
import { emptyRequestInfo } from '../filter/request.js';

export type RecordEvent = CommittedEvent & { type: RecordEventType; data: RecordEventData };

export interface WebhookPayload {
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
}

/**
 * `{type, timestamp, data: {collection, record}}`: the record as a superuser sees it minus hidden fields
 * (passwords and token keys never leave the server; emails are included, the receiver is the operator's).
 */
export function recordPayload(collection: Collection, event: RecordEvent): WebhookPayload {
  const record = serializeRecord(collection, event.data.record, { isSuperuser: false, emailVisibleIds: new Set([String(event.data.record.id)]) });
  return { type: event.type, timestamp: event.occurredAt, data: { collection: collection.name, record } };
}

export function testPayload(webhookId: string, at: Date): WebhookPayload {
  return { type: 'webhook.test', timestamp: at.toISOString(), data: { webhook: webhookId, message: 'This is a test event from Plinth.' } };
}

/**
 * The webhook's `filter` (rule language, no @request) on the committed record. Plain field conditions are
 * evaluated on the event's copy of the record; conditions that follow relations ask storage, which for a
 * deleted record no longer can (such a filter does not match deletions). An invalid filter matches nothing.
 */
export async function passesFilter(app: App, collection: Collection, filter: string, event: RecordEvent): Promise<boolean> {
  if (!filter.trim()) return true;
  let condition;
  try {
    condition = resolveExpression(app, collection, filter, emptyRequestInfo(), false);
  } catch (err) {
    app.logger.warn('webhook filter is invalid; the event is not delivered', { filter, error: String(err) });
    return false;
  }
  try {
    return evaluateCondition(condition, event.data.record);
  } catch (err) {
    if (!(err instanceof FilterError)) throw err;
  }
  if (event.type === 'record.deleted') return false;
  return matchesCondition(app.storage, app.collections.table(collection), String(event.data.record.id), condition);
}

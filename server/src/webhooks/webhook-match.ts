/**
 * Which committed events a webhook subscribes to: `events` is a list of "<collection>.<action>" patterns
 * (action create/update/delete, `*` for either part). A wildcard collection never matches system collections
 * (names starting with "_"); the webhook delivery log and the request log never match at all, so a webhook
 * cannot feed on its own deliveries.
 */
import type { RecordEventType } from '../events/domain-event.js';

export type WebhookAction = 'create' | 'update' | 'delete';

const ACTIONS: Record<RecordEventType, WebhookAction> = {
  'record.created': 'create',
  'record.updated': 'update',
  'record.deleted': 'delete',
};

/** Collections whose events are never delivered (their writes are the delivery machinery itself). */
const NEVER = new Set(['_webhookDeliveries', '_logs']);

export const actionOf = (type: RecordEventType): WebhookAction => ACTIONS[type];

export function isRecordEventType(type: string): type is RecordEventType {
  return type in ACTIONS;
}

/** A pattern is valid when it has exactly one dot, a non-empty collection part and a known action or `*`. */
export function parsePattern(pattern: unknown): { collection: string; action: WebhookAction | '*' } | null {
  if (typeof pattern !== 'string') return null;
  const dot = pattern.lastIndexOf('.');
  if (dot <= 0) return null;
  const collection = pattern.slice(0, dot).trim();
  const action = pattern.slice(dot + 1).trim();
  if (!collection || (action !== '*' && action !== 'create' && action !== 'update' && action !== 'delete')) return null;
  return { collection, action };
}

export function subscribes(events: unknown, collectionName: string, type: RecordEventType): boolean {
  if (NEVER.has(collectionName) || !Array.isArray(events)) return false;
  const action = actionOf(type);
  return events.some((raw) => {
    const pattern = parsePattern(raw);
    if (!pattern) return false;
    if (pattern.action !== '*' && pattern.action !== action) return false;
    if (pattern.collection === '*') return !collectionName.startsWith('_');
    return pattern.collection === collectionName;
  });
}

/**
 * Reading webhooks and writing their delivery log through the storage port. Webhooks are records of the
 * system collection `_webhooks`; each delivery attempt is one `_webhookDeliveries` row, written directly
 * (not through the records use cases: nobody may edit the log, and it must not feed the outbox).
 */
import type { App } from '../core/app.js';
import { WEBHOOK_DELIVERIES, WEBHOOKS } from '../core/collections/collection-system-builtins.js';
import { formatDateTime } from '../core/datetime.js';
import { newRecordId } from '../core/ids.js';
import { createWriteBatcher } from '../core/write-batcher.js';
import { appendRecordEvent } from '../core/records/record-events.js';
import { basePath, idEquals } from '../core/rules/condition-build.js';
import type { RecordData } from '../storage/port.js';

export interface Webhook {
  id: string;
  name: string;
  url: string;
  events: unknown;
  filter: string;
  headers: Record<string, string>;
  enabled: boolean;
  secret: string;
}

export type DeliveryState = 'delivered' | 'retrying' | 'failed' | 'disabled';

export interface DeliveryAttempt {
  webhook: string;
  eventId: string;
  type: string;
  attempt: number;
  status: number;
  duration: number;
  response: string;
  error: string;
  nextAttempt: Date | null;
  state: DeliveryState;
  payload: unknown;
}

/** Only string header values are sent; anything else in the json field is ignored. */
function stringHeaders(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

function toWebhook(row: RecordData): Webhook {
  return {
    id: String(row.id),
    name: String(row.name ?? ''),
    url: String(row.url ?? ''),
    events: row.events,
    filter: typeof row.filter === 'string' ? row.filter : '',
    headers: stringHeaders(row.headers),
    enabled: row.enabled === true,
    secret: String(row.secret ?? ''),
  };
}

const table = (app: App, name: string) => app.collections.table(app.collections.require(name));

const enabledLeaf = { name: 'enabled', type: 'bool', storage: 'bool', multiple: false } as const;

export async function enabledWebhooks(app: App): Promise<Webhook[]> {
  const rows = await app.storage.find({
    table: table(app, WEBHOOKS),
    where: { kind: 'compare', op: 'eq', quantifier: 'all', left: basePath(enabledLeaf), right: { kind: 'literal', value: true } },
  });
  return rows.map(toWebhook);
}

export async function findWebhook(app: App, id: string): Promise<Webhook | null> {
  const rows = await app.storage.find({ table: table(app, WEBHOOKS), where: idEquals(id), limit: 1 });
  return rows[0] ? toWebhook(rows[0]) : null;
}

/** Turns a webhook off (its endpoint answered 410 Gone), as a committed record update. */
export async function disableWebhook(app: App, id: string): Promise<void> {
  const collection = app.collections.require(WEBHOOKS);
  await app.storage.transaction(async (tx) => {
    const [previous] = await tx.find({ table: app.collections.table(collection), where: idEquals(id), limit: 1 });
    if (!previous || previous.enabled !== true) return;
    const updated = await tx.update(app.collections.table(collection), id, { enabled: false, updated: formatDateTime(app.now()) });
    if (updated) await appendRecordEvent(app, tx, 'record.updated', collection, updated, previous);
  });
}

function deliveryRow(app: App, attempt: DeliveryAttempt): RecordData {
  const now = formatDateTime(app.now());
  return {
    id: newRecordId(),
    ...attempt,
    response: attempt.response.slice(0, 1000),
    nextAttempt: attempt.nextAttempt ? formatDateTime(attempt.nextAttempt) : '',
    created: now,
    updated: now,
  };
}

export async function recordAttempt(app: App, attempt: DeliveryAttempt): Promise<RecordData> {
  return app.storage.insert(table(app, WEBHOOK_DELIVERIES), deliveryRow(app, attempt));
}

/**
 * recordAttempt for the delivery jobs: attempts finishing while a log write runs are written together by the
 * next one (one multi-row INSERT), and each resolves once its row is stored.
 */
export function batchedDeliveryLog(app: App): (attempt: DeliveryAttempt) => Promise<RecordData> {
  const log = createWriteBatcher<RecordData>((rows) => app.storage.insertMany(table(app, WEBHOOK_DELIVERIES), rows));
  return async (attempt) => {
    const row = deliveryRow(app, attempt);
    await log.add(row);
    return row;
  };
}

export async function findDelivery(app: App, id: string): Promise<RecordData | null> {
  const rows = await app.storage.find({ table: table(app, WEBHOOK_DELIVERIES), where: idEquals(id), limit: 1 });
  return rows[0] ?? null;
}

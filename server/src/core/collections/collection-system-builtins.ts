/**
 * PocketBase's system base collections that back auth features and are reachable through the records API
 * (the SDK lists/unlinks external auths on `_externalAuths`): owner-only rules, text references to the
 * auth record (`collectionRef`, `recordRef`), and created/updated timestamps.
 */
import { formatDateTime } from '../datetime.js';
import { defaultCollectionId } from '../ids.js';
import { completeField, idField, scaffold } from './collection-scaffold.js';
import type { Collection, Field } from './model.js';

const OWNER_RULE = "@request.auth.id != '' && recordRef = @request.auth.id && collectionRef = @request.auth.collectionId";

const systemText = (name: string, extra: Partial<Field> = {}): Field =>
  completeField({ name, type: 'text', system: true, required: true, ...extra });

function systemBase(name: string, fields: Field[], indexes: [string, boolean, string[]][], rules: Partial<Collection>): Collection {
  const now = formatDateTime(new Date());
  return {
    ...scaffold('base'),
    id: defaultCollectionId('base', name),
    name,
    system: true,
    ...rules,
    fields: [
      idField(),
      systemText('collectionRef'),
      systemText('recordRef'),
      ...fields,
      completeField({ name: 'created', type: 'autodate', system: true, onCreate: true }),
      completeField({ name: 'updated', type: 'autodate', system: true, onCreate: true, onUpdate: true }),
    ],
    indexes: indexes.map(
      ([index, unique, columns]) => `CREATE ${unique ? 'UNIQUE ' : ''}INDEX \`${index}\` ON \`${name}\` (${columns.map((c) => '`' + c + '`').join(', ')})`,
    ),
    created: now,
    updated: now,
  };
}

export const externalAuthsCollection = (): Collection =>
  systemBase(
    '_externalAuths',
    [systemText('provider'), systemText('providerId')],
    [
      ['idx_externalAuths_record_provider', true, ['collectionRef', 'recordRef', 'provider']],
      ['idx_externalAuths_collection_provider', true, ['collectionRef', 'provider', 'providerId']],
    ],
    { listRule: OWNER_RULE, viewRule: OWNER_RULE, deleteRule: OWNER_RULE },
  );

export const mfasCollection = (): Collection =>
  systemBase('_mfas', [systemText('method')], [['idx_mfas_collectionRef_recordRef', false, ['collectionRef', 'recordRef']]], {
    listRule: OWNER_RULE,
    viewRule: OWNER_RULE,
  });

export const otpsCollection = (): Collection =>
  systemBase(
    '_otps',
    [
      completeField({ name: 'password', type: 'password', system: true, hidden: true, required: true }),
      completeField({ name: 'sentTo', type: 'text', system: true, hidden: true }),
    ],
    [['idx_otps_collectionRef_recordRef', false, ['collectionRef', 'recordRef']]],
    { listRule: OWNER_RULE, viewRule: OWNER_RULE },
  );

export const authOriginsCollection = (): Collection =>
  systemBase(
    '_authOrigins',
    [systemText('fingerprint')],
    [['idx_authOrigins_unique_pairs', true, ['collectionRef', 'recordRef', 'fingerprint']]],
    { listRule: OWNER_RULE, viewRule: OWNER_RULE, deleteRule: OWNER_RULE },
  );

/** A superuser-only system collection (every rule null) with created/updated timestamps. */
function lockedSystemBase(name: string, fields: Field[], indexes: [string, string[]][]): Collection {
  const now = formatDateTime(new Date());
  return {
    ...scaffold('base'),
    id: defaultCollectionId('base', name),
    name,
    system: true,
    fields: [
      idField(),
      ...fields,
      completeField({ name: 'created', type: 'autodate', system: true, onCreate: true }),
      completeField({ name: 'updated', type: 'autodate', system: true, onCreate: true, onUpdate: true }),
    ],
    indexes: indexes.map(([index, columns]) => `CREATE INDEX \`${index}\` ON \`${name}\` (${columns.map((c) => '`' + c + '`').join(', ')})`),
    created: now,
    updated: now,
  };
}

export const WEBHOOKS = '_webhooks';
export const WEBHOOK_DELIVERIES = '_webhookDeliveries';
export const LOGS = '_logs';

/**
 * Outgoing webhooks (webhooks/README.md). `secret` is a Standard Webhooks signing key: generated on create when
 * not given (24 random bytes as base64), hidden so only superusers can write it, and write-only: no read returns
 * it, only the response to the create or update that set it (and `POST /api/webhooks/{id}/rotate-secret`).
 */
export const webhooksCollection = (): Collection =>
  lockedSystemBase(
    WEBHOOKS,
    [
      completeField({ name: 'name', type: 'text', system: true, required: true, max: 255 }),
      completeField({ name: 'url', type: 'url', system: true, required: true }),
      completeField({ name: 'events', type: 'json', system: true, maxSize: 10_000 }),
      completeField({ name: 'filter', type: 'text', system: true, max: 2000 }),
      completeField({ name: 'headers', type: 'json', system: true, maxSize: 10_000 }),
      completeField({ name: 'enabled', type: 'bool', system: true }),
      completeField({
        name: 'secret',
        type: 'text',
        system: true,
        hidden: true,
        writeOnly: true,
        required: true,
        max: 200,
        pattern: '^whsec_[A-Za-z0-9+/]{16,}={0,2}$',
        autogeneratePattern: 'whsec_[A-Za-z0-9+/]{32}',
      }),
    ],
    [],
  );

/** One row per delivery attempt; `payload` keeps the body sent so a delivery can be replayed. */
export const webhookDeliveriesCollection = (): Collection =>
  lockedSystemBase(
    WEBHOOK_DELIVERIES,
    [
      completeField({
        name: 'webhook',
        type: 'relation',
        system: true,
        collectionId: defaultCollectionId('base', WEBHOOKS),
        cascadeDelete: true,
        maxSelect: 1,
      }),
      completeField({ name: 'eventId', type: 'text', system: true }),
      completeField({ name: 'type', type: 'text', system: true }),
      completeField({ name: 'attempt', type: 'number', system: true, onlyInt: true }),
      completeField({ name: 'status', type: 'number', system: true, onlyInt: true }),
      completeField({ name: 'duration', type: 'number', system: true }),
      completeField({ name: 'response', type: 'text', system: true }),
      completeField({ name: 'error', type: 'text', system: true }),
      completeField({ name: 'nextAttempt', type: 'date', system: true }),
      completeField({ name: 'state', type: 'select', system: true, maxSelect: 1, values: ['delivered', 'retrying', 'failed', 'disabled'] }),
      completeField({ name: 'payload', type: 'json', system: true, maxSize: 0 }),
    ],
    [
      ['idx_webhookDeliveries_webhook', ['webhook', 'created']],
      ['idx_webhookDeliveries_eventId', ['eventId']],
    ],
  );

/** Request logs (`/api/logs`); written in batches by logs/request-log-writer.ts, pruned after settings.logs.maxDays. */
export const logsCollection = (): Collection =>
  lockedSystemBase(
    LOGS,
    [
      completeField({ name: 'level', type: 'number', system: true, onlyInt: true }),
      completeField({ name: 'message', type: 'text', system: true }),
      completeField({ name: 'data', type: 'json', system: true, maxSize: 0 }),
    ],
    [
      ['idx_logs_created', ['created']],
      ['idx_logs_level', ['level']],
    ],
  );

export const USED_TOKENS = '_usedTokens';

/**
 * Spent confirmation tokens (verification, password reset, email change), superusers only. A row's id is derived
 * from the token's record state, so inserting it is the atomic "first use wins" step on every storage adapter,
 * with or without transactions (auth/auth-token-claim.ts).
 */
export const usedTokensCollection = (): Collection => systemBase(USED_TOKENS, [systemText('kind')], [], {});

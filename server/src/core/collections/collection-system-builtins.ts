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

/**
 * Turns submitted collection JSON into a full Collection: over the type scaffold on create, over the stored
 * definition on update (partial patch; a given `fields` list replaces the old one, matched by id, then by
 * name). Field options are merged but not normalised here: validation looks at what was submitted, then
 * `finalizeCollection` normalises every field for storage.
 */
import { defaultCollectionId, defaultFieldId, randomString } from '../ids.js';
import { AppError } from '../errors.js';
import { SUPERUSERS } from './collection-builtins.js';
import { authSystemFields, defaultAuthIndexes, idField, scaffold } from './collection-scaffold.js';
import { fieldType } from './field-registry.js';
import { findSingleColumnUniqueIndex, parseIndex, renameIndexTable } from './index-parse.js';
import { RULE_NAMES, type Collection, type CollectionType, type Field } from './model.js';

const COLLECTION_TYPES: CollectionType[] = ['base', 'auth', 'view'];
const BASE_KEYS = ['id', 'name', 'type', 'system', ...RULE_NAMES, 'indexes'] as const;
export const AUTH_KEYS = [
  'authRule',
  'manageRule',
  'authAlert',
  'oauth2',
  'passwordAuth',
  'mfa',
  'otp',
  'authToken',
  'passwordResetToken',
  'emailChangeToken',
  'verificationToken',
  'fileToken',
  'verificationTemplate',
  'resetPasswordTemplate',
  'confirmEmailChangeTemplate',
] as const;

export const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Go's json.Unmarshal into an existing struct: nested objects merge, everything else is replaced. */
function mergeValue(current: unknown, patch: unknown): unknown {
  if (isPlainObject(current) && isPlainObject(patch)) {
    const out: Record<string, unknown> = { ...current };
    for (const [k, v] of Object.entries(patch)) out[k] = mergeValue(current[k], v);
    return out;
  }
  return patch;
}

function mergeFields(existing: Field[], submitted: unknown[]): Field[] {
  const givenIds = new Set(submitted.map((raw) => (isPlainObject(raw) && typeof raw.id === 'string' ? raw.id : '')).filter(Boolean));
  const usedIds = new Set<string>();
  const merged = submitted.map((raw) => {
    const item = isPlainObject(raw) ? raw : {};
    const id = typeof item.id === 'string' ? item.id : '';
    const name = typeof item.name === 'string' ? item.name : '';
    // By name only among old fields no submitted item claims by id (a rename frees the old name).
    const old = id
      ? existing.find((f) => f.id === id)
      : existing.find((f) => name && f.name.toLowerCase() === name.toLowerCase() && !givenIds.has(f.id));
    const merged = { ...(old ?? {}), ...item } as Field;
    if (typeof merged.type !== 'string') merged.type = old?.type ?? '';
    if (!merged.id && old) merged.id = old.id;
    if (!merged.id && typeof merged.type === 'string' && name) {
      // A renamed field may still hold the default id of this name: pick a fresh one instead of clashing.
      let id = defaultFieldId(merged.type, name);
      if (givenIds.has(id) || usedIds.has(id)) id = merged.type + randomString(5);
      merged.id = id;
    }
    usedIds.add(merged.id);
    return merged;
  });
  return merged;
}

function applyPatch(target: Collection, patch: Record<string, unknown>, existingFields: Field[]): void {
  const record = target as unknown as Record<string, unknown>;
  const keys: readonly string[] = [...BASE_KEYS, ...(target.type === 'auth' ? AUTH_KEYS : []), ...(target.type === 'view' ? ['viewQuery'] : [])];
  for (const key of keys) {
    if (key === 'id' || !(key in patch)) continue;
    record[key] = mergeValue(record[key], patch[key]);
  }
  if ('fields' in patch) {
    target.fields = Array.isArray(patch.fields) ? mergeFields(existingFields, patch.fields) : (patch.fields as Field[]);
  }
}

/** Adds the system fields a type requires when the submitted list left them out (create only). */
function ensureSystemFields(c: Collection): void {
  if (!Array.isArray(c.fields) || c.type === 'view') return;
  const has = (name: string) => c.fields.some((f) => isPlainObject(f) && f.name === name);
  const missingAuth = c.type === 'auth' ? authSystemFields().filter((f) => !has(f.name)) : [];
  const idIndex = c.fields.findIndex((f) => isPlainObject(f) && f.name === 'id');
  if (idIndex < 0) c.fields = [idField(), ...missingAuth, ...c.fields];
  else c.fields.splice(idIndex + 1, 0, ...missingAuth);
}

const SCAFFOLD_INDEX_NAMES = ['idx_tokenKey_', 'idx_email_'];

/** Index strings always name the collection's own table (renames, scaffolds, copied definitions). */
function retargetIndexes(indexes: string[], name: string): string[] {
  return indexes.map((idx) => (typeof idx === 'string' ? renameIndexTable(idx, name) : idx));
}

/** PocketBase's default collection id, suffixed 2, 3 ... while taken (e.g. by a renamed collection). */
function freeCollectionId(type: string, name: string, isTaken: (id: string) => boolean): string {
  const base = defaultCollectionId(type, name);
  let id = base;
  for (let n = 2; isTaken(id) && n < 1000; n++) id = base + n;
  return id;
}

/** The 400 of a body that is not a JSON object. */
export const invalidCollectionBody = (): AppError => new AppError('bad_request', 'Failed to load the submitted data due to invalid formatting.');

export function buildNewCollection(input: Record<string, unknown>, isTaken: (id: string) => boolean = () => false): Collection {
  const requestedType = typeof input.type === 'string' && input.type ? input.type : 'base';
  const type = (COLLECTION_TYPES as string[]).includes(requestedType) ? (requestedType as CollectionType) : 'base';
  const c = scaffold(type);
  c.indexes = [];
  applyPatch(c, input, []);
  if (requestedType !== type) (c as { type: string }).type = requestedType;
  ensureSystemFields(c);
  c.id = typeof input.id === 'string' && input.id ? input.id : freeCollectionId(requestedType, typeof c.name === 'string' ? c.name : '', isTaken);
  if (Array.isArray(c.indexes) && typeof c.name === 'string') {
    // Scaffold placeholders (`idx_tokenKey_` with no id) give way to the defaults named after the real id.
    c.indexes = retargetIndexes(
      c.indexes.filter((idx) => !SCAFFOLD_INDEX_NAMES.includes(parseIndex(String(idx))?.name ?? '')),
      c.name,
    );
  }
  if (c.type === 'auth' && Array.isArray(c.indexes) && typeof c.name === 'string') {
    const [tokenKeyIndex, emailIndex] = defaultAuthIndexes(c.id, c.name);
    if (!findSingleColumnUniqueIndex(c.indexes, 'tokenKey')) c.indexes = [...c.indexes, tokenKeyIndex];
    if (!findSingleColumnUniqueIndex(c.indexes, 'email')) c.indexes = [...c.indexes, emailIndex];
  }
  return c;
}

export function buildUpdatedCollection(existing: Collection, patch: Record<string, unknown>): Collection {
  const c = structuredClone(existing);
  applyPatch(c, patch, existing.fields);
  keepProviderSecrets(c, existing);
  keepSystemWriteOnly(c, existing);
  if (typeof c.name === 'string' && Array.isArray(c.indexes)) c.indexes = retargetIndexes(c.indexes, c.name);
  return c;
}

/** Client secrets are never sent back, so a resubmitted provider without one keeps the stored secret. */
function keepProviderSecrets(c: Collection, existing: Collection): void {
  const providers = c.oauth2?.providers;
  if (!Array.isArray(providers)) return;
  for (const p of providers) {
    if (!isPlainObject(p) || p.clientSecret) continue;
    const old = existing.oauth2?.providers?.find((o) => o.name === p.name);
    if (old?.clientSecret) p.clientSecret = old.clientSecret;
  }
}

/** A write-only system field stays write-only, whether or not a client sends the flag back. */
function keepSystemWriteOnly(c: Collection, existing: Collection): void {
  if (!Array.isArray(c.fields)) return;
  for (const old of existing.fields) {
    const now = old.system && old.writeOnly === true ? c.fields.find((f) => isPlainObject(f) && f.id === old.id) : undefined;
    if (now) now.writeOnly = true;
  }
}

/** Normalises every field (complete option sets) and drops keys that don't belong to the type. */
export function finalizeCollection(c: Collection): Collection {
  const out: Collection = { ...c, fields: c.fields.map((f) => fieldType(f.type)?.normalizeOptions(f) ?? f) };
  const record = out as unknown as Record<string, unknown>;
  if (out.type !== 'auth') for (const key of AUTH_KEYS) delete record[key];
  if (out.type !== 'view') delete record.viewQuery;
  for (const rule of RULE_NAMES) if (out[rule] === undefined) out[rule] = null;
  if (out.system && out.name === SUPERUSERS && out.type === 'auth') {
    // Superusers always sign in with a password, never through OAuth2; OTP for them implies MFA.
    out.oauth2 = { ...out.oauth2!, enabled: false };
    out.passwordAuth = { ...out.passwordAuth!, enabled: true };
    if (out.otp?.enabled) out.mfa = { ...out.mfa!, enabled: true };
  }
  return out;
}

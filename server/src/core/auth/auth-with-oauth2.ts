/**
 * `POST /api/collections/{c}/auth-with-oauth2` (contract 5.6): exchanges the code, then picks the record:
 * an `_externalAuths` link (collection, provider, provider user id) → the caller's own record when logged in
 * to this collection → the record with the provider's *verified* email → a new record. Anti pre-hijacking:
 * an existing unverified record reached without being logged in gets a random password (voiding whatever
 * password its registrant chose) and loses its other links. The provider's email always wins over
 * `createData.email`, and only a verified provider email can mark a record verified.
 */
import type { RequestInfo } from '../../filter/request.js';
import type { FileUpload } from '../../files/port.js';
import type { RecordData, StorageSession } from '../../storage/port.js';
import type { App } from '../app.js';
import { SUPERUSERS } from '../collections/collection-builtins.js';
import type { AuthOptions, Collection } from '../collections/model.js';
import { forbidden, isAppError } from '../errors.js';
import { randomString } from '../ids.js';
import { createRecord } from '../records/record-create.js';
import { findField } from '../records/record-fields.js';
import { completeLogin, type LoginOptions } from './auth-complete.js';
import { readInput } from './auth-input.js';
import { findRecordById, findRecordByIdentity } from './auth-record-lookup.js';
import type { AuthResponse } from './auth-response.js';
import { deleteSystemRow, EXTERNAL_AUTHS, findOwnedRows, insertSystemRow, newTokenKey, saveAuthRecord } from './auth-system-rows.js';
import type { VerifiedAuth } from './auth-token.js';
import { requireAuthCollection } from './auth-with-password.js';
import { avatarField, prefetchAvatar } from './auth-oauth2-avatar.js';
import { fetchProviderUser, resolveProvider, type OAuth2User } from './oauth2-client.js';
import { oauth2Failed } from './oauth2-http.js';
import { hashPassword } from './passwords.js';

interface Resolved {
  record: RecordData;
  isNew: boolean;
}

/** What a sign-up through the provider creates the record with. */
interface SignUp {
  request: RequestInfo;
  createData: Record<string, unknown>;
  callerIsSuperuser: boolean;
  /** The provider's avatar for the mapped file field, downloaded beforehand (auth-oauth2-avatar.ts). */
  avatar: FileUpload | null;
}

const sameEmail = (a: unknown, b: string) => b !== '' && String(a ?? '').toLowerCase() === b.toLowerCase();

export async function authWithOAuth2(
  app: App,
  collectionNameOrId: string,
  body: Record<string, unknown>,
  request: RequestInfo,
  auth: VerifiedAuth | null,
  opts: LoginOptions = {},
): Promise<AuthResponse & { meta?: Record<string, unknown> }> {
  const collection = requireAuthCollection(app, collectionNameOrId);
  if (!collection.oauth2?.enabled || collection.name === SUPERUSERS) {
    throw forbidden('The collection is not configured to allow OAuth2 authentication.');
  }
  const input = readInput(body);
  const providerName = input.string('provider', { max: 100 });
  const code = input.string('code');
  const codeVerifier = input.string('codeVerifier', { required: false });
  const redirectURL = input.string('redirectURL', { required: false }) || input.string('redirectUrl', { required: false });
  const createData = typeof body.createData === 'object' && body.createData !== null && !Array.isArray(body.createData) ? (body.createData as Record<string, unknown>) : {};
  input.done();

  const provider = await resolveProvider(app, collection, providerName).catch((err) => {
    if (isAppError(err)) throw err;
    app.logger.warn('oauth2 provider unavailable', { provider: providerName, error: (err as Error).message });
    throw oauth2Failed(err);
  });
  const user = await fetchProviderUser(app, provider, code, codeVerifier, redirectURL).catch((err) => {
    app.logger.info('oauth2 exchange refused', { provider: providerName, error: (err as Error).message });
    throw oauth2Failed(err);
  });

  const loggedIn = auth && auth.collection.id === collection.id ? auth.record : null;
  const oauthRequest: RequestInfo = { ...request, context: 'oauth2' };
  const avatar = await prefetchAvatar(app, collection, provider, user, loggedIn);
  const resolved = await app.storage.transaction(async (tx) => {
    const signUp: SignUp = { request: oauthRequest, createData, callerIsSuperuser: opts.callerIsSuperuser ?? false, avatar };
    const found = await resolveRecord(app, tx, collection, providerName, user, loggedIn, signUp);
    const record = found.isNew ? found.record : await protectExisting(app, tx, collection, found.record, user, !!loggedIn, providerName);
    const link = { provider: providerName, providerId: user.id };
    const linked = await findOwnedRows(app, tx, EXTERNAL_AUTHS, { collectionId: collection.id }, link);
    if (!linked.length) await insertSystemRow(app, tx, EXTERNAL_AUTHS, { collectionRef: collection.id, recordRef: String(record.id), ...link });
    return { record, isNew: found.isNew };
  });

  const meta = {
    id: user.id,
    name: user.name,
    username: user.username,
    email: user.email,
    avatarURL: user.avatarURL,
    avatarUrl: user.avatarURL,
    accessToken: user.accessToken,
    refreshToken: user.refreshToken,
    expiry: user.expiry,
    rawUser: user.rawUser,
    isNew: resolved.isNew,
  };
  return completeLogin(app, app.storage, collection, resolved.record, oauthRequest, 'oauth2', opts, meta);
}

async function resolveRecord(
  app: App,
  tx: StorageSession,
  collection: Collection & AuthOptions,
  provider: string,
  user: OAuth2User,
  loggedIn: RecordData | null,
  signUp: SignUp,
): Promise<Resolved> {
  const [link] = await findOwnedRows(app, tx, EXTERNAL_AUTHS, { collectionId: collection.id }, { provider, providerId: user.id });
  if (link) {
    const linked = await findRecordById(app, tx, collection, String(link.recordRef));
    if (linked) return { record: linked, isNew: false };
    await deleteSystemRow(app, tx, EXTERNAL_AUTHS, link); // a stale link to a deleted record
  }
  if (loggedIn) return { record: loggedIn, isNew: false };
  if (user.email) {
    const byEmail = await findRecordByIdentity(app, tx, collection, 'email', user.email);
    if (byEmail) return { record: byEmail, isNew: false };
  }
  return { record: await createFromProvider(app, tx, collection, user, signUp), isNew: true };
}

/** Sign-up through the records create use case, so createRule (with @request.context = "oauth2") applies. */
async function createFromProvider(
  app: App,
  tx: StorageSession,
  collection: Collection & AuthOptions,
  user: OAuth2User,
  { request, createData, callerIsSuperuser, avatar }: SignUp,
): Promise<RecordData> {
  const data: Record<string, unknown> = { ...createData };
  // An address the provider verified cannot be replaced by the client's createData.
  if (user.email) data.email = user.email;
  const mapped = collection.oauth2.mappedFields ?? {};
  const values: Record<string, string> = { id: user.id, name: user.name, username: user.username, avatarURL: user.avatarURL };
  for (const [key, fieldName] of Object.entries(mapped)) {
    const field = fieldName ? findField(collection, fieldName) : undefined;
    // File fields never hold the remote URL: the avatar comes as a downloaded upload (or not at all).
    if (!field || field.type === 'file' || fieldName in data || !values[key]) continue;
    data[fieldName] = values[key];
  }
  if (!data.password) {
    data.password = randomString(30);
    data.passwordConfirm = data.password;
  }
  const fileField = avatarField(collection);
  const files = avatar && fileField && !(fileField.name in data) ? [avatar] : [];
  const ctx = { app, session: tx, caller: { request, isSuperuser: callerIsSuperuser } };
  const created = await createRecord(ctx, collection.id, data, { files }).catch((err: unknown) => {
    // Checked before, but should the field still refuse the avatar, the sign-up goes on without it.
    if (!files.length || !isAppError(err) || !fileField || !(fileField.name in (err.data ?? {}))) throw err;
    app.logger.info('oauth2 avatar refused by its field', { error: err.message });
    return createRecord(ctx, collection.id, data);
  });
  let record = await findRecordById(app, tx, collection, created.id);
  if (!record) throw oauth2Failed();
  if (record.verified !== true && sameEmail(record.email, user.email)) {
    record = await saveAuthRecord(app, tx, collection, record, { verified: true });
  }
  return record;
}

async function protectExisting(
  app: App,
  tx: StorageSession,
  collection: Collection & AuthOptions,
  record: RecordData,
  user: OAuth2User,
  loggedIn: boolean,
  provider: string,
): Promise<RecordData> {
  const changes: RecordData = {};
  if (!loggedIn && record.verified !== true) {
    changes.password = await hashPassword(randomString(30));
    changes.tokenKey = newTokenKey(collection);
    const links = await findOwnedRows(app, tx, EXTERNAL_AUTHS, { collectionId: collection.id, recordId: String(record.id) });
    for (const link of links) if (!(link.provider === provider && link.providerId === user.id)) await deleteSystemRow(app, tx, EXTERNAL_AUTHS, link);
  }
  if (record.verified !== true && sameEmail(record.email, user.email)) changes.verified = true;
  return Object.keys(changes).length ? saveAuthRecord(app, tx, collection, record, changes) : record;
}

/**
 * Record tokens (PocketBase contract 5.1): HS256 JWTs signed with `record.tokenKey + collection.<kind>Token.secret`.
 * Verification reads the claims unverified only to find which record's key to check the signature with, so a
 * new tokenKey (password/email change) or a rotated collection secret revokes old tokens of that kind.
 * Every kind (auth, file, verification, passwordReset, emailChange) goes through the same two functions.
 */
import { SignJWT, decodeJwt, jwtVerify } from 'jose';
import type { App } from '../app.js';
import { isAuthCollection, type AuthOptions, type Collection } from '../collections/model.js';
import type { RecordData, StorageSession } from '../../storage/port.js';
import { findRecordById } from './auth-record-lookup.js';

export type TokenKind = 'auth' | 'file' | 'verification' | 'passwordReset' | 'emailChange';

export interface AuthTokenClaims {
  id: string;
  collectionId: string;
  type: 'auth';
  refreshable: boolean;
  exp: number;
}

export interface VerifiedAuth {
  collection: Collection & AuthOptions;
  record: RecordData;
  claims: AuthTokenClaims;
  token: string;
}

/** A verified token of any kind: its record, collection and raw claims (id, collectionId, type, exp, …). */
export interface VerifiedRecordToken {
  collection: Collection & AuthOptions;
  record: RecordData;
  claims: Record<string, unknown> & { id: string; collectionId: string; type: TokenKind; exp: number };
}

const encoder = new TextEncoder();

const configKey = (kind: TokenKind) => `${kind}Token` as const;

function signingKey(record: RecordData, collection: Collection & AuthOptions, kind: TokenKind): Uint8Array {
  return encoder.encode(String(record.tokenKey ?? '') + (collection[configKey(kind)]?.secret ?? ''));
}

/**
 * Signs a token of `kind` for `record`; `duration` (seconds) defaults to the collection's `<kind>Token.duration`.
 * `claims` are added to id/collectionId/type (e.g. email/newEmail, refreshable).
 */
export async function signRecordToken(
  app: App,
  collection: Collection & AuthOptions,
  record: RecordData,
  kind: TokenKind,
  claims: Record<string, unknown> = {},
  duration?: number,
): Promise<string> {
  const seconds = duration || collection[configKey(kind)]?.duration || 0;
  const exp = Math.floor(app.now().getTime() / 1000) + seconds;
  // Claims are set explicitly: PocketBase tokens carry no iat.
  return new SignJWT({ id: record.id, collectionId: collection.id, type: kind, ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setExpirationTime(exp)
    .sign(signingKey(record, collection, kind));
}

/** Signs an auth token; `duration` (seconds) defaults to the collection's authToken.duration. */
export function signAuthToken(
  app: App,
  collection: Collection & AuthOptions,
  record: RecordData,
  opts: { refreshable?: boolean; duration?: number } = {},
): Promise<string> {
  return signRecordToken(app, collection, record, 'auth', { refreshable: opts.refreshable ?? true }, opts.duration);
}

function readClaims(token: string, kind: TokenKind): VerifiedRecordToken['claims'] | null {
  let raw: Record<string, unknown>;
  try {
    raw = decodeJwt(token);
  } catch {
    return null;
  }
  const { id, collectionId, type, exp } = raw;
  if (typeof id !== 'string' || !id || typeof collectionId !== 'string' || !collectionId) return null;
  if (type !== kind || typeof exp !== 'number') return null;
  return { ...raw, id, collectionId, type: kind, exp };
}

/**
 * Returns the token's record, or null for any invalid, expired, unknown or other-kind token (never throws).
 * `session` decides which state the record is read from (a transaction re-reads it under its own view).
 */
export async function verifyRecordToken(
  app: App,
  session: StorageSession,
  token: string,
  kind: TokenKind,
): Promise<VerifiedRecordToken | null> {
  const claims = readClaims(token, kind);
  const now = app.now();
  if (!claims || claims.exp <= now.getTime() / 1000) return null;

  const collection = app.collections.get(claims.collectionId);
  if (!collection || collection.id !== claims.collectionId || !isAuthCollection(collection)) return null;

  const record = await findRecordById(app, session, collection, claims.id);
  if (!record) return null;

  try {
    await jwtVerify(token, signingKey(record, collection, kind), { algorithms: ['HS256'], currentDate: now });
  } catch {
    return null;
  }
  return { collection, record, claims };
}

/** Returns the authenticated identity, or null for any invalid, expired or unknown token (never throws). */
export async function verifyAuthToken(app: App, session: StorageSession, token: string): Promise<VerifiedAuth | null> {
  const verified = await verifyRecordToken(app, session, token, 'auth');
  if (!verified) return null;
  const { collection, record, claims } = verified;
  const authClaims: AuthTokenClaims = {
    id: claims.id,
    collectionId: claims.collectionId,
    type: 'auth',
    exp: claims.exp,
    refreshable: claims.refreshable === true,
  };
  return { collection, record, claims: authClaims, token };
}

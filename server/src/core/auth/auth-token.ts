/**
 * Auth tokens (PocketBase contract 5.1): HS256 JWTs signed with `record.tokenKey + collection.authToken.secret`.
 * Verification reads the claims unverified only to find which record's key to check the signature with, so a
 * new tokenKey (password/email change) or a rotated collection secret revokes old tokens.
 */
import { SignJWT, decodeJwt, jwtVerify } from 'jose';
import type { App } from '../app.js';
import { isAuthCollection, type AuthOptions, type Collection } from '../collections/model.js';
import type { RecordData, StorageSession } from '../../storage/port.js';
import { findRecordById } from './auth-record-lookup.js';

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

const encoder = new TextEncoder();

function signingKey(record: RecordData, collection: Collection & AuthOptions): Uint8Array {
  return encoder.encode(String(record.tokenKey ?? '') + (collection.authToken?.secret ?? ''));
}

/** Signs an auth token; `duration` (seconds) defaults to the collection's authToken.duration. */
export async function signAuthToken(
  app: App,
  collection: Collection & AuthOptions,
  record: RecordData,
  opts: { refreshable?: boolean; duration?: number } = {},
): Promise<string> {
  const duration = opts.duration || collection.authToken?.duration || 0;
  const exp = Math.floor(app.now().getTime() / 1000) + duration;
  // Claims are set explicitly: PocketBase tokens carry no iat.
  return new SignJWT({ id: record.id, collectionId: collection.id, type: 'auth', refreshable: opts.refreshable ?? true })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setExpirationTime(exp)
    .sign(signingKey(record, collection));
}

function readClaims(token: string): AuthTokenClaims | null {
  let raw: Record<string, unknown>;
  try {
    raw = decodeJwt(token);
  } catch {
    return null;
  }
  const { id, collectionId, type, exp, refreshable } = raw;
  if (typeof id !== 'string' || !id || typeof collectionId !== 'string' || !collectionId) return null;
  if (type !== 'auth' || typeof exp !== 'number') return null;
  return { id, collectionId, type, exp, refreshable: refreshable === true };
}

/** Returns the authenticated identity, or null for any invalid, expired or unknown token (never throws). */
export async function verifyAuthToken(app: App, session: StorageSession, token: string): Promise<VerifiedAuth | null> {
  const claims = readClaims(token);
  const now = app.now();
  if (!claims || claims.exp <= now.getTime() / 1000) return null;

  const collection = app.collections.get(claims.collectionId);
  if (!collection || collection.id !== claims.collectionId || !isAuthCollection(collection)) return null;

  const record = await findRecordById(app, session, collection, claims.id);
  if (!record) return null;

  try {
    await jwtVerify(token, signingKey(record, collection), { algorithms: ['HS256'], currentDate: now });
  } catch {
    return null;
  }
  return { collection, record, claims, token };
}

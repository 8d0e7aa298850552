/**
 * Single use of confirmation tokens under concurrency. Tokens are stateless JWTs that stop verifying once the
 * record changes (new tokenKey, verified=true, new email), but 50 parallel confirmations all verify before the
 * first one writes. So each confirmation first inserts a `_usedTokens` row whose id is derived from what the
 * token acts on (kind, record, its tokenKey and email): the primary key lets exactly one insert through, on
 * PostgreSQL (a concurrent insert waits for the first transaction, then fails) and on MongoDB even without
 * transactions. Two different tokens for the same state share the key, so they cannot both be used either.
 * The row is written like any record, with its record.created event.
 */
import { createHash } from 'node:crypto';
import { StorageError, type RecordData, type StorageSession } from '../../storage/port.js';
import type { App } from '../app.js';
import { USED_TOKENS } from '../collections/collection-system-builtins.js';
import type { Collection } from '../collections/model.js';
import { LOWER_ALNUM } from '../ids.js';
import type { TokenKind } from './auth-token.js';
import { insertSystemRow } from './auth-system-rows.js';

function claimId(key: string): string {
  const digest = createHash('sha256').update(key).digest();
  let id = '';
  for (let i = 0; i < 15; i++) id += LOWER_ALNUM[digest[i] % LOWER_ALNUM.length];
  return id;
}

/** Returns false when the same token state was already claimed (the token is spent). */
export async function claimToken(
  app: App,
  session: StorageSession,
  kind: TokenKind,
  collection: Collection,
  record: RecordData,
  claims: Record<string, unknown>,
): Promise<boolean> {
  const key = [kind, collection.id, record.id, record.tokenKey, claims.email ?? '', claims.newEmail ?? ''].join('\u0000');
  try {
    await insertSystemRow(app, session, USED_TOKENS, { id: claimId(key), collectionRef: collection.id, recordRef: String(record.id), kind });
    return true;
  } catch (err) {
    if (err instanceof StorageError && err.kind === 'unique') return false;
    throw err;
  }
}

/**
 * Multi-factor auth (contract 5.8). When the collection's mfa is enabled and mfa.rule matches the record, the
 * first successful method answers 401 `{"mfaId"}` (no error envelope) and stores an `_mfas` row; the second
 * call must use a *different* method and pass that mfaId. The row is consumed by deleting it, so one MFA
 * session completes one login.
 */
import type { RequestInfo } from '../../filter/request.js';
import type { RecordData, StorageSession } from '../../storage/port.js';
import type { App } from '../app.js';
import type { AuthOptions, Collection } from '../collections/model.js';
import { AppError, badRequest } from '../errors.js';
import { resolveExpression } from '../rules/rule-condition.js';
import { matchesCondition } from '../rules/rule-match.js';
import { deleteSystemRow, insertSystemRow, isExpired, MFAS, textEquals } from './auth-system-rows.js';

export type AuthMethodName = 'password' | 'otp' | 'oauth2';

/** The MFA step: HTTP 401 whose body is just `{"mfaId": "…"}`. */
export class MfaRequiredError extends AppError {
  constructor(readonly mfaId: string) {
    super('unauthorized', 'MFA required.');
  }

  override toJSON(): ReturnType<AppError['toJSON']> {
    return { mfaId: this.mfaId } as unknown as ReturnType<AppError['toJSON']>;
  }
}

async function mfaApplies(app: App, session: StorageSession, collection: Collection & AuthOptions, record: RecordData, request: RequestInfo) {
  if (!collection.mfa?.enabled) return false;
  const rule = collection.mfa.rule ?? '';
  if (!rule.trim()) return true;
  const condition = resolveExpression(app, collection, rule, request, false);
  return matchesCondition(session, app.collections.table(collection), String(record.id), condition);
}

/** Returns normally when the login may complete; throws MfaRequiredError (first factor) or 400. */
export async function checkMfa(
  app: App,
  session: StorageSession,
  collection: Collection & AuthOptions,
  record: RecordData,
  request: RequestInfo,
  method: AuthMethodName,
  mfaId: string | undefined,
): Promise<void> {
  if (!(await mfaApplies(app, session, collection, record, request))) return;

  if (!mfaId) {
    const row = await insertSystemRow(app, session, MFAS, { collectionRef: collection.id, recordRef: String(record.id), method });
    throw new MfaRequiredError(String(row.id));
  }

  const mfas = app.collections.require(MFAS);
  const [row] = await session.find({ table: app.collections.table(mfas), where: textEquals('id', mfaId), limit: 1 });
  if (!row || isExpired(app, row.created, collection.mfa.duration)) throw badRequest('Invalid or expired MFA session.');
  if (row.collectionRef !== collection.id || row.recordRef !== String(record.id)) throw badRequest('Invalid MFA session.');
  if (row.method === method) throw badRequest('A different authentication method is required.');
  if (!(await deleteSystemRow(app, session, MFAS, row))) throw badRequest('Invalid or expired MFA session.');
}

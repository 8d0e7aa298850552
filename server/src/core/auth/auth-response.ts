/**
 * The auth response of every successful auth endpoint (contract 5.2): `{token, record}`. Before answering,
 * the collection's authRule must accept the record (skipped when the caller is already a superuser).
 */
import type { App } from '../app.js';
import type { AuthOptions, Collection } from '../collections/model.js';
import type { RequestInfo } from '../../filter/request.js';
import type { RecordData, StorageSession } from '../../storage/port.js';
import { checkAuthRule } from './auth-rule.js';
import { serializeAuthRecord } from './auth-record-json.js';
import { signAuthToken } from './auth-token.js';
import type { RecordJSON } from '../records/records-context.js';

export interface AuthResponse {
  token: string;
  record: RecordJSON;
}

export async function buildAuthResponse(
  app: App,
  session: StorageSession,
  collection: Collection & AuthOptions,
  record: RecordData,
  request: RequestInfo,
  opts: { expand?: string; callerIsSuperuser: boolean; token?: string; authRuleChecked?: boolean },
): Promise<AuthResponse> {
  if (!opts.callerIsSuperuser && !opts.authRuleChecked) await checkAuthRule(app, session, collection, record, request);
  const token = opts.token ?? (await signAuthToken(app, collection, record));
  const json = await serializeAuthRecord(app, session, collection, record, request, opts.expand);
  return { token, record: json };
}

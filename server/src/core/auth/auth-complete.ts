/**
 * The common end of every login method (password, OTP, OAuth2): authRule, MFA, the login alert, then the auth
 * response (contract 5.2). Impersonation and auth-refresh skip this and call buildAuthResponse directly.
 */
import type { RequestInfo } from '../../filter/request.js';
import type { RecordData, StorageSession } from '../../storage/port.js';
import type { App } from '../app.js';
import type { AuthOptions, Collection } from '../collections/model.js';
import { noteAuthOrigin, type AuthOrigin } from './auth-alert.js';
import { checkMfa, type AuthMethodName } from './auth-mfa.js';
import { buildAuthResponse, type AuthResponse } from './auth-response.js';
import { checkAuthRule } from './auth-rule.js';

export interface LoginOptions {
  expand?: string;
  callerIsSuperuser?: boolean;
  /** The MFA session of an earlier first factor (query or body `mfaId`). */
  mfaId?: string;
  origin?: AuthOrigin;
}

export async function completeLogin(
  app: App,
  session: StorageSession,
  collection: Collection & AuthOptions,
  record: RecordData,
  request: RequestInfo,
  method: AuthMethodName,
  opts: LoginOptions,
  meta?: Record<string, unknown>,
): Promise<AuthResponse & { meta?: Record<string, unknown> }> {
  const callerIsSuperuser = opts.callerIsSuperuser ?? false;
  // The authRule comes first: a record that may not log in must not learn that its password was right via MFA.
  if (!callerIsSuperuser) await checkAuthRule(app, session, collection, record, request);
  await checkMfa(app, session, collection, record, request, method, opts.mfaId);
  await noteAuthOrigin(app, collection, record, opts.origin);
  const response = await buildAuthResponse(app, session, collection, record, request, {
    expand: opts.expand,
    callerIsSuperuser,
    authRuleChecked: true,
  });
  return meta ? { ...response, meta } : response;
}

/**
 * `POST /api/collections/{c}/auth-refresh` (contract 5.5): a fresh token for the caller's own record, or the
 * same token back when it is not refreshable (impersonation tokens).
 */
import type { App } from '../app.js';
import { forbidden, unauthorized } from '../errors.js';
import { SUPERUSERS } from '../collections/collection-builtins.js';
import type { RequestInfo } from '../../filter/request.js';
import type { StorageSession } from '../../storage/port.js';
import { buildAuthResponse, type AuthResponse } from './auth-response.js';
import type { VerifiedAuth } from './auth-token.js';
import { requireAuthCollection } from './auth-with-password.js';

export async function authRefresh(
  app: App,
  session: StorageSession,
  collectionNameOrId: string,
  auth: VerifiedAuth | null,
  request: RequestInfo,
  opts: { expand?: string } = {},
): Promise<AuthResponse> {
  const collection = requireAuthCollection(app, collectionNameOrId);
  if (!auth) throw unauthorized('The request requires valid record authorization token.');
  if (auth.collection.id !== collection.id) throw forbidden('The request requires valid record authorization token.');

  return buildAuthResponse(app, session, collection, auth.record, request, {
    expand: opts.expand,
    callerIsSuperuser: collection.name === SUPERUSERS,
    token: auth.claims.refreshable ? undefined : auth.token,
  });
}

/**
 * `POST /api/collections/{c}/impersonate/{id}` (contract 5.12), superusers only (checked by the route): a
 * non-refreshable auth token for any record of any auth collection, valid for `duration` seconds (0 = the
 * collection's authToken duration). No authRule, MFA or login alert: the superuser is acting.
 */
import type { RequestInfo } from '../../filter/request.js';
import type { App } from '../app.js';
import { badRequest, fieldError, notFound } from '../errors.js';
import { findRecordById } from './auth-record-lookup.js';
import { buildAuthResponse, type AuthResponse } from './auth-response.js';
import { signAuthToken } from './auth-token.js';
import { requireAuthCollection } from './auth-with-password.js';

const MAX_DURATION = 94670856; // the longest token duration a collection accepts (~3 years)

export async function impersonate(
  app: App,
  collectionNameOrId: string,
  recordId: string,
  body: Record<string, unknown>,
  request: RequestInfo,
  opts: { expand?: string } = {},
): Promise<AuthResponse> {
  const collection = requireAuthCollection(app, collectionNameOrId);
  const duration = body.duration ?? 0;
  if (typeof duration !== 'number' || !Number.isInteger(duration) || duration < 0 || duration > MAX_DURATION) {
    throw badRequest('An error occurred while validating the submitted data.', {
      duration: fieldError('validation_invalid_value', `Must be an integer between 0 and ${MAX_DURATION}.`),
    });
  }
  const record = await findRecordById(app, app.storage, collection, recordId);
  if (!record) throw notFound();
  const token = await signAuthToken(app, collection, record, { refreshable: false, duration: duration || undefined });
  return buildAuthResponse(app, app.storage, collection, record, request, { expand: opts.expand, callerIsSuperuser: true, token });
}

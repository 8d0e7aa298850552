/** Reading and validating the batch body `{requests: [{method, url, headers?, body?}]}` (contract 8). */
import { badRequest, fieldError, type FieldErrors } from '../../core/errors.js';

export interface BatchSubRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
const MAX_URL = 2000;
const INVALID = 'Invalid batch request data.';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function readBatchRequests(body: Record<string, unknown>, maxRequests: number): BatchSubRequest[] {
  const raw = body.requests;
  if (raw !== undefined && raw !== null && !Array.isArray(raw)) throw badRequest('Failed to read the submitted batch data.');
  const list = (raw ?? []) as unknown[];
  if (list.length === 0) throw badRequest(INVALID, { requests: fieldError('validation_required', 'Cannot be blank.') });
  if (list.length > maxRequests) {
    throw badRequest(INVALID, {
      requests: fieldError('validation_length_too_long', `The length must be no more than ${maxRequests}.`, { max: maxRequests }),
    });
  }

  const errors: FieldErrors = {};
  const requests = list.map((item, index): BatchSubRequest => {
    if (!isObject(item)) throw badRequest('Failed to read the submitted batch data.');
    const method = typeof item.method === 'string' ? item.method.toUpperCase() : '';
    const url = typeof item.url === 'string' ? item.url : '';
    const itemErrors: FieldErrors = {};
    if (!method) itemErrors.method = fieldError('validation_required', 'Cannot be blank.');
    else if (!METHODS.has(method)) itemErrors.method = fieldError('validation_in_invalid', 'Must be a valid value.');
    if (!url) itemErrors.url = fieldError('validation_required', 'Cannot be blank.');
    else if (url.length > MAX_URL) itemErrors.url = fieldError('validation_length_too_long', `The length must be no more than ${MAX_URL}.`, { max: MAX_URL });
    if (Object.keys(itemErrors).length) errors[String(index)] = itemErrors;

    const headers: Record<string, string> = {};
    if (isObject(item.headers)) for (const [k, v] of Object.entries(item.headers)) if (typeof v === 'string') headers[k] = v;
    return { method, url, headers, body: isObject(item.body) ? item.body : {} };
  });
  if (Object.keys(errors).length) throw badRequest(INVALID, { requests: errors });
  return requests;
}

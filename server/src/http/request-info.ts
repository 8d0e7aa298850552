/** Builds `@request.*` (RequestInfo) from an HTTP request: first value of each query param, snake_cased headers. */
import type { IncomingHttpHeaders } from 'node:http';
import type { ParsedUrlQuery } from 'node:querystring';
import type { RequestAuth, RequestContextName, RequestInfo } from '../filter/request.js';
import type { VerifiedAuth } from '../core/auth/auth-token.js';

export function firstQueryValues(query: ParsedUrlQuery | URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  if (query instanceof URLSearchParams) {
    for (const [key, value] of query) if (!(key in out)) out[key] = value;
    return out;
  }
  for (const [key, value] of Object.entries(query)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[key] = first;
  }
  return out;
}

/** `X-Custom-Token` → `x_custom_token`; the first value of repeated headers. */
export function snakeCaseHeaders(headers: IncomingHttpHeaders | Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first === undefined) continue;
    const key = name.toLowerCase().replace(/-/g, '_');
    if (!(key in out)) out[key] = first;
  }
  return out;
}

export function requestAuthOf(auth: VerifiedAuth | null): RequestAuth | null {
  if (!auth) return null;
  return { id: String(auth.record.id), collectionId: auth.collection.id, collectionName: auth.collection.name, record: auth.record };
}

export function buildRequestInfo(input: {
  auth: VerifiedAuth | null;
  method: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  context?: RequestContextName;
}): RequestInfo {
  return {
    auth: requestAuthOf(input.auth),
    method: input.method.toUpperCase(),
    query: input.query,
    headers: input.headers,
    body: {},
    context: input.context ?? 'default',
  };
}

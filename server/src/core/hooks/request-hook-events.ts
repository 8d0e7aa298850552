/**
 * Request hooks: transport-neutral events around the records list/view and auth endpoints. The HTTP layer
 * builds the event, runs the chain with the built-in route as the innermost handler, and sends
 * `event.response` (so a handler may rewrite the body after next(), answer by itself without calling next(),
 * or refuse with an AppError, rendered in the usual envelope).
 */
import type { Collection } from '../collections/model.js';
import type { Caller } from '../records/records-context.js';

export type RequestHookAction = 'list' | 'view' | 'auth';

export interface HookRequest {
  method: string;
  /** The URL path, e.g. `/api/collections/posts/records`. */
  path: string;
  /** Route parameters (collection, id, the auth action). */
  params: Record<string, string>;
  /** First value of each query parameter. */
  query: Record<string, string>;
  /** Lower-cased header names, first value. */
  headers: Record<string, string>;
  /** The decoded body (`{}` for GET). */
  body: Record<string, unknown>;
  /** Who is asking (auth record, superuser flag, `@request.*` for rules). */
  caller: Caller;
}

export interface HookResponse {
  status: number;
  body: unknown;
}

export interface RequestHookEvent {
  readonly action: RequestHookAction;
  readonly collection: Collection;
  readonly request: HookRequest;
  /** Filled by the built-in route once next() resolved; handlers may replace it. */
  response: HookResponse;
}

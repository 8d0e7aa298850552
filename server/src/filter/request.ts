/**
 * The request data visible to filters and rules as `@request.*`. Built by core per request; the resolver turns
 * every `@request.*` reference into literals (or a `records` root for relation paths of auth/body).
 */
export type RequestContextName =
  | 'default'
  | 'oauth2'
  | 'otp'
  | 'password'
  | 'realtime'
  | 'protectedFile'
  | 'batch'
  | 'expand';

export interface RequestAuth {
  id: string;
  collectionId: string;
  collectionName: string;
  /** The full stored record of the authenticated identity (all fields, storage shape). */
  record: Record<string, unknown>;
}

export interface RequestInfo {
  auth: RequestAuth | null;
  method: string;
  /** First value of each query parameter. */
  query: Record<string, string>;
  /** First value of each header; names lower-cased and snake_cased (X-Token -> x_token). */
  headers: Record<string, string>;
  /** Submitted body after modifiers were applied (create/update only), storage shapes. */
  body: Record<string, unknown>;
  context: RequestContextName;
}

export const emptyRequestInfo = (): RequestInfo => ({
  auth: null,
  method: 'GET',
  query: {},
  headers: {},
  body: {},
  context: 'default',
});

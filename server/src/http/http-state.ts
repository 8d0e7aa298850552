/** What the middleware chain leaves on `ctx.state` for route handlers. */
import type { ParameterizedContext } from 'koa';
import type { RouterContext } from '@koa/router';
import type { VerifiedAuth } from '../core/auth/auth-token.js';
import type { RequestInfo } from '../filter/request.js';

export interface UploadedFile {
  field: string;
  filename: string;
  mimeType: string;
  data: Buffer;
}

export interface PlinthState {
  requestId: string;
  /** Decoded request body (JSON, multipart text parts + @jsonPayload, urlencoded); `{}` when empty. */
  body: Record<string, unknown>;
  files: UploadedFile[];
  auth: VerifiedAuth | null;
  isSuperuser: boolean;
  /** `@request.*` for rules, built once per request (context 'default'). */
  requestInfo: RequestInfo;
}

export type PlinthContext = ParameterizedContext<PlinthState>;
export type PlinthRouterContext = RouterContext<PlinthState>;

/**
 * The auth endpoints of each auth collection, as mounted by http/routes/auth.ts, auth-emails.ts and
 * auth-oauth2.ts. Login methods appear when the collection enables them (a config change is a schema change,
 * so the document follows); impersonation is superuser-only and appears in the superuser document only.
 */
import type { Collection } from '../core/collections/model.js';
import { errorResponses, jsonBody, jsonResponse, NO_CONTENT, parameterRefs, REQUIRED_TOKEN } from './openapi-components.js';
import type { DocContext } from './openapi-context.js';
import { schemaRef } from './openapi-names.js';
import type { JsonSchema, OpenApiOperation, OpenApiPaths } from './openapi-types.js';

const str = (description?: string): JsonSchema => ({ type: 'string', ...(description ? { description } : {}) });
const object = (properties: Record<string, JsonSchema>, required: string[]): JsonSchema => ({ type: 'object', properties, required });

export function authSchemas(ctx: DocContext, c: Collection): Record<string, JsonSchema> {
  return {
    [ctx.names.of(c, 'AuthResponse')]: {
      type: 'object',
      description: `A signed-in ${c.name} record and its auth token (send it as the Authorization header).`,
      properties: {
        token: { type: 'string' },
        record: schemaRef(ctx.names.of(c, 'record')),
        meta: { type: 'object', description: 'OAuth2 only: the provider profile (id, name, email, avatarURL, isNew, rawUser, ...).' },
      },
      required: ['token', 'record'],
    },
  };
}

export function authPaths(ctx: DocContext, c: Collection): OpenApiPaths {
  const base = `/api/collections/${c.name}`;
  const authResponse = jsonResponse('Signed in.', schemaRef(ctx.names.of(c, 'AuthResponse')));
  const mfa = {
    description: 'MFA: the first factor passed, now sign in with another method passing this `mfaId` (or an auth error).',
    content: { 'application/json': { schema: { anyOf: [schemaRef(ctx.names.shared('MfaRequired')), schemaRef(ctx.names.shared('Error'))] } } },
  };
  const post = (path: string, summary: string, rest: Omit<OpenApiOperation, 'operationId' | 'summary' | 'tags'>): OpenApiPaths => ({
    [`${base}/${path}`]: { post: { operationId: `${c.name}_${camel(path)}`, summary, tags: [c.name], ...rest } },
  });
  const login = (path: string, summary: string, body: JsonSchema) =>
    post(path, summary, {
      parameters: parameterRefs('expand', 'fields'),
      requestBody: jsonBody(body),
      responses: { 200: authResponse, ...errorResponses(400), 401: mfa, ...errorResponses(403, 429) },
    });
  const action = (path: string, summary: string, body: JsonSchema, extra: Partial<OpenApiOperation> = {}) =>
    post(path, summary, { requestBody: jsonBody(body), responses: { 204: NO_CONTENT, ...errorResponses(400, 429) }, ...extra });
  const mfaId = str('The `mfaId` of an earlier first factor (MFA).');

  const paths: OpenApiPaths = {
    [`${base}/auth-methods`]: {
      get: {
        operationId: `${c.name}_authMethods`,
        summary: 'The login methods this collection offers',
        tags: [c.name],
        responses: { 200: jsonResponse('The enabled methods.', schemaRef(ctx.names.shared('AuthMethods'))), ...errorResponses(404) },
      },
    },
    ...post('auth-refresh', 'A fresh token for the authenticated record', {
      parameters: parameterRefs('expand', 'fields'),
      security: REQUIRED_TOKEN,
      responses: { 200: authResponse, ...errorResponses(401, 403, 404) },
    }),
    ...action('request-verification', 'Email a verification link', object({ email: str() }, ['email'])),
    ...action('confirm-verification', 'Verify with the emailed token', object({ token: str() }, ['token'])),
    ...action('request-password-reset', 'Email a password reset link', object({ email: str() }, ['email'])),
    ...action('confirm-password-reset', 'Set a new password with the emailed token', object({ token: str(), password: str(), passwordConfirm: str() }, ['token', 'password', 'passwordConfirm'])),
    ...action('request-email-change', "Email a link confirming the caller's new address", object({ newEmail: str() }, ['newEmail']), {
      security: REQUIRED_TOKEN,
      responses: { 204: NO_CONTENT, ...errorResponses(400, 401, 403) },
    }),
    ...action('confirm-email-change', 'Change the email with the emailed token', object({ token: str(), password: str() }, ['token', 'password'])),
  };
  if (c.passwordAuth?.enabled) {
    const identity = str(`One of: ${(c.passwordAuth.identityFields ?? []).join(', ')}.`);
    Object.assign(paths, login('auth-with-password', 'Sign in with identity and password', object({ identity, password: str(), identityField: str(), mfaId }, ['identity', 'password'])));
  }
  if (c.otp?.enabled) {
    Object.assign(
      paths,
      post('request-otp', 'Email a one-time password', {
        requestBody: jsonBody(object({ email: str() }, ['email'])),
        responses: { 200: jsonResponse('The OTP id to sign in with.', schemaRef(ctx.names.shared('OtpRequested'))), ...errorResponses(400, 429) },
      }),
      login('auth-with-otp', 'Sign in with an emailed one-time password', object({ otpId: str(), password: str(), mfaId }, ['otpId', 'password'])),
    );
  }
  if (c.oauth2?.enabled) {
    const body = object(
      { provider: str(), code: str(), codeVerifier: str(), redirectURL: str(), createData: { type: 'object', description: 'Fields of a record created on first sign-in.' }, mfaId },
      ['provider', 'code'],
    );
    Object.assign(paths, login('auth-with-oauth2', 'Sign in with an OAuth2 authorization code', body));
  }
  if (ctx.audience === 'superuser') {
    paths[`${base}/impersonate/{id}`] = {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      post: {
        operationId: `${c.name}_impersonate`,
        summary: 'A non-refreshable token of another record (superusers only)',
        tags: [c.name],
        security: REQUIRED_TOKEN,
        parameters: parameterRefs('expand', 'fields'),
        requestBody: jsonBody(object({ duration: { type: 'integer', minimum: 0, description: 'Seconds; 0 = the collection default.' } }, []), false),
        responses: { 200: authResponse, ...errorResponses(400, 401, 403, 404) },
      },
    };
  }
  return paths;
}

const camel = (path: string) => path.replace(/-([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());

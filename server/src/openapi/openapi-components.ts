/**
 * Components every document shares: the error and list envelopes, the small bodies of auth, files, batch
 * and realtime, the list query parameters (with the filter language described), the error responses and
 * the token security scheme. Plus the helpers the path builders use to point at them.
 */
import { defaultPerPage, maxPerPage } from '../core/records/record-list-params.js';
import { parameterRef, responseRef, schemaRef, type ComponentNames, type SharedSchema } from './openapi-names.js';
import type { JsonSchema, OpenApiComponents, OpenApiParameter, Ref } from './openapi-types.js';

export const TOKEN_SCHEME = 'AuthToken';
/** Guests and any token alike (the collection rules decide). */
export const OPTIONAL_TOKEN: Record<string, string[]>[] = [{}, { [TOKEN_SCHEME]: [] }];
export const REQUIRED_TOKEN: Record<string, string[]>[] = [{ [TOKEN_SCHEME]: [] }];

export const jsonBody = (schema: JsonSchema, required = true) => ({ required, content: { 'application/json': { schema } } });
export const jsonResponse = (description: string, schema: JsonSchema) => ({ description, content: { 'application/json': { schema } } });
export const NO_CONTENT = { description: 'Done (no content).' };

/** Error responses by status, shared through `#/components/responses`. */
const ERROR_RESPONSES = {
  400: ['BadRequest', 'Invalid input: `data` names each failing field with its error code.'],
  401: ['Unauthorized', 'A valid auth token is required.'],
  403: ['Forbidden', "The caller's token is not allowed by the collection rule (or the endpoint is superuser-only)."],
  404: ['NotFound', "The collection or record doesn't exist, or the caller may not see it."],
  429: ['TooManyRequests', 'Rate limited.'],
} as const;
export type ErrorStatus = keyof typeof ERROR_RESPONSES;

export const errorResponses = (...statuses: ErrorStatus[]): Record<string, Ref> =>
  Object.fromEntries(statuses.map((status) => [String(status), responseRef(ERROR_RESPONSES[status][0])]));

/** The list envelope around a page of `items`. */
export const listEnvelope = (items: JsonSchema): JsonSchema => ({
  type: 'object',
  properties: {
    page: { type: 'integer', minimum: 1 },
    perPage: { type: 'integer', minimum: 1, maximum: maxPerPage },
    totalItems: { type: 'integer', description: '-1 when skipTotal was set.' },
    totalPages: { type: 'integer', description: '-1 when skipTotal was set.' },
    items: { type: 'array', items },
  },
  required: ['page', 'perPage', 'totalItems', 'totalPages', 'items'],
});

const FILTER_LANGUAGE = [
  'A PocketBase filter expression: `field OPERATOR value`, combined with `&&`, `||` and parentheses.',
  'Operators: `=` `!=` `>` `>=` `<` `<=` `~` (contains / LIKE) `!~`; prefixed with `?` (e.g. `?=`, `?~`) they match when ANY',
  'element of a multiple field matches (the plain form requires ALL).',
  'Values: "strings" or \'strings\', numbers, `true`/`false`/`null`, other fields, `@now`, `@todayStart`, `@monthEnd`, `@yesterday` and the other date macros,',
  '`@request.auth.*` (the caller), `@request.query.*`, `@request.headers.*`, and `@collection.<name>.*` (superusers only in client filters).',
  'Relation fields can be followed with dots (`author.name = "Ann"`) and back-relations as `<collection>_via_<field>`;',
  'modifiers: `:length` and `:each` (multiple fields), `:lower`; functions: `geoDistance(lonA, latA, lonB, latB)`, `strftime(format, time)`.',
  'The collection list rule always applies on top of the filter.',
].join(' ');

const parameters: Record<string, OpenApiParameter> = {
  page: { name: 'page', in: 'query', description: 'The page (1-based).', schema: { type: 'integer', minimum: 1, default: 1 } },
  perPage: {
    name: 'perPage',
    in: 'query',
    description: `Records per page (at most ${maxPerPage}).`,
    schema: { type: 'integer', minimum: 1, maximum: maxPerPage, default: defaultPerPage },
  },
  sort: {
    name: 'sort',
    in: 'query',
    description: 'Comma-separated fields to sort by; `-` prefix = descending, `+` (or none) = ascending; `@random` shuffles. Example: `-created,title`.',
    schema: { type: 'string' },
  },
  filter: { name: 'filter', in: 'query', description: FILTER_LANGUAGE, schema: { type: 'string' } },
  expand: {
    name: 'expand',
    in: 'query',
    description: 'Comma-separated relation fields to expand into `expand`, up to 6 levels with dots (`author.team`), back-relations as `<collection>_via_<field>`.',
    schema: { type: 'string' },
  },
  fields: {
    name: 'fields',
    in: 'query',
    description: 'Comma-separated fields to return (`*` = all at that level, `expand.author.name`), with the `:excerpt(maxLength, withEllipsis?)` modifier. Omitted fields are absent from the response.',
    schema: { type: 'string' },
  },
  skipTotal: {
    name: 'skipTotal',
    in: 'query',
    description: 'Skip counting: totalItems and totalPages are then -1 (faster on large collections).',
    schema: { type: 'boolean' },
  },
};
export type ListParameter = keyof typeof parameters;
export const parameterRefs = (...names: ListParameter[]): Ref[] => names.map(parameterRef);

function sharedSchemas(names: ComponentNames): Record<string, JsonSchema> {
  const ref = (name: SharedSchema) => schemaRef(names.shared(name));
  const all: Record<SharedSchema, JsonSchema> = {
    FieldError: {
      type: 'object',
      properties: { code: { type: 'string', examples: ['validation_required'] }, message: { type: 'string' }, params: { type: 'object' } },
      required: ['code', 'message'],
    },
    Error: {
      type: 'object',
      description: 'The error envelope of every failed request.',
      properties: {
        status: { type: 'integer' },
        message: { type: 'string' },
        data: {
          type: 'object',
          description: 'Field name -> error (nested by index for lists and sub-requests); empty when no field is at fault.',
          additionalProperties: { anyOf: [ref('FieldError'), { type: 'object' }] },
        },
      },
      required: ['status', 'message', 'data'],
    },
    ListResult: { ...listEnvelope({ type: 'object' }), description: 'The envelope of every records list.' },
    AuthMethods: {
      type: 'object',
      properties: {
        password: { type: 'object', properties: { enabled: { type: 'boolean' }, identityFields: { type: 'array', items: { type: 'string' } } } },
        oauth2: { type: 'object', properties: { enabled: { type: 'boolean' }, providers: { type: 'array', items: { type: 'object' } } } },
        mfa: { type: 'object', properties: { enabled: { type: 'boolean' }, duration: { type: 'integer' } } },
        otp: { type: 'object', properties: { enabled: { type: 'boolean' }, duration: { type: 'integer' } } },
      },
      required: ['password', 'oauth2', 'mfa', 'otp'],
    },
    MfaRequired: {
      type: 'object',
      description: 'The first factor succeeded; repeat the login with another method and this `mfaId`.',
      properties: { mfaId: { type: 'string' } },
      required: ['mfaId'],
    },
    OtpRequested: { type: 'object', properties: { otpId: { type: 'string' } }, required: ['otpId'] },
    FileToken: { type: 'object', properties: { token: { type: 'string' } }, required: ['token'] },
    BatchRequest: {
      type: 'object',
      properties: {
        requests: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              method: { type: 'string', enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] },
              url: { type: 'string', description: 'A records URL, e.g. `/api/collections/posts/records/abc?expand=author`.' },
              headers: { type: 'object', additionalProperties: { type: 'string' } },
              body: { type: 'object' },
            },
            required: ['method', 'url'],
          },
        },
      },
      required: ['requests'],
    },
    BatchResult: {
      type: 'array',
      items: { type: 'object', properties: { status: { type: 'integer' }, body: {} }, required: ['status', 'body'] },
    },
    RealtimeSubscription: {
      type: 'object',
      properties: {
        clientId: { type: 'string', description: 'From the `PB_CONNECT` event of the stream.' },
        subscriptions: {
          type: 'array',
          items: { type: 'string' },
          description: 'Topics: `<collection>` (every record), `<collection>/<id>` (one record), each optionally with `?options=` (JSON: query, headers).',
        },
      },
      required: ['clientId'],
    },
    Health: {
      type: 'object',
      properties: { code: { type: 'integer' }, message: { type: 'string' }, data: { type: 'object' } },
      required: ['code', 'message', 'data'],
    },
  };
  return Object.fromEntries(Object.entries(all).map(([name, schema]) => [names.shared(name as SharedSchema), schema]));
}

export function sharedComponents(names: ComponentNames): OpenApiComponents {
  const error = schemaRef(names.shared('Error'));
  return {
    schemas: sharedSchemas(names),
    parameters,
    responses: Object.fromEntries(Object.values(ERROR_RESPONSES).map(([name, description]) => [name, jsonResponse(description, error)])),
    securitySchemes: {
      [TOKEN_SCHEME]: {
        type: 'apiKey',
        in: 'header',
        name: 'Authorization',
        description: 'The `token` of an auth response (auth-with-password, auth-refresh, ...), as is or as `Bearer <token>`.',
      },
    },
  };
}

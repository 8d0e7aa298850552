/**
 * Endpoints that are not per collection: realtime (the SSE stream and its subscription POST), files (with
 * thumbs and protected-file tokens), batch, and health. Collection management, settings, logs and the other
 * superuser-only admin endpoints are the console's business and are not part of this document.
 */
import { errorResponses, jsonBody, jsonResponse, NO_CONTENT, REQUIRED_TOKEN } from './openapi-components.js';
import type { DocContext } from './openapi-context.js';
import { schemaRef, type SharedSchema } from './openapi-names.js';
import type { OpenApiPaths } from './openapi-types.js';

export const SYSTEM_TAGS = [
  { name: 'realtime', description: 'Record changes as Server-Sent Events.' },
  { name: 'files', description: 'Record files and thumbnails.' },
  { name: 'batch', description: 'Several record writes in one transaction.' },
  { name: 'health', description: 'Liveness and readiness.' },
];

const pathParam = (name: string, description: string) => ({ name, in: 'path' as const, required: true, description, schema: { type: 'string' } });

export function systemPaths(ctx: DocContext): OpenApiPaths {
  const shared = (name: SharedSchema) => schemaRef(ctx.names.shared(name));
  return {
    '/api/realtime': {
      get: {
        operationId: 'realtime_connect',
        summary: 'Open the realtime event stream',
        description:
          'A text/event-stream. The first event, `PB_CONNECT`, carries `{clientId}`; then one event per subscribed topic ' +
          'with data `{action: "create"|"update"|"delete", record}`, sent only when the record passes the view/list rule for the subscriber.',
        tags: ['realtime'],
        responses: { 200: { description: 'The event stream.', content: { 'text/event-stream': { schema: { type: 'string' } } } } },
      },
      post: {
        operationId: 'realtime_subscribe',
        summary: "Set the client's subscriptions (replaces the previous set)",
        description: 'The Authorization header given here is the identity the events are checked against.',
        tags: ['realtime'],
        requestBody: jsonBody(shared('RealtimeSubscription')),
        responses: { 204: NO_CONTENT, ...errorResponses(400, 403, 404) },
      },
    },
    '/api/files/{collection}/{recordId}/{filename}': {
      parameters: [pathParam('collection', 'Collection name or id.'), pathParam('recordId', 'The record id.'), pathParam('filename', 'A stored file name of the record.')],
      get: {
        operationId: 'files_download',
        summary: 'Download a record file (or a thumbnail of an image)',
        tags: ['files'],
        parameters: [
          { name: 'thumb', in: 'query', description: 'A thumb size listed on the field: `WxH`, `WxHt`, `WxHb`, `WxHf`, `0xH`, `Wx0`.', schema: { type: 'string' } },
          { name: 'token', in: 'query', description: 'A file token (POST /api/files/token), needed for protected files.', schema: { type: 'string' } },
          { name: 'download', in: 'query', description: 'Send as an attachment.', schema: { type: 'boolean' } },
        ],
        responses: {
          200: { description: 'The file.', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } },
          ...errorResponses(400, 404),
        },
      },
    },
    '/api/files/token': {
      post: {
        operationId: 'files_token',
        summary: 'A short-lived token for protected files',
        tags: ['files'],
        security: REQUIRED_TOKEN,
        responses: { 200: jsonResponse('The file token.', shared('FileToken')), ...errorResponses(401) },
      },
    },
    '/api/batch': {
      post: {
        operationId: 'batch',
        summary: 'Run record creates, upserts (PUT), updates and deletes in one transaction',
        description: 'The first failing sub-request rolls everything back; the 400 names it under `data.requests.<index>`.',
        tags: ['batch'],
        requestBody: jsonBody(shared('BatchRequest')),
        responses: { 200: jsonResponse('One result per sub-request, in order.', shared('BatchResult')), ...errorResponses(400, 403) },
      },
    },
    '/api/health': {
      get: {
        operationId: 'health',
        summary: 'Liveness',
        tags: ['health'],
        security: [{}],
        responses: { 200: jsonResponse('The server answers.', shared('Health')) },
      },
    },
    '/api/health/ready': {
      get: {
        operationId: 'health_ready',
        summary: 'Readiness: the database (and Redis, when configured) answer',
        tags: ['health'],
        security: [{}],
        responses: { 200: jsonResponse('Ready.', shared('Health')), 503: jsonResponse('Not ready.', shared('Health')) },
      },
    },
  };
}

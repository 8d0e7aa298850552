/**
 * `buildOpenApiDocument(collections, options)`: the OpenAPI 3.1 description of the records, auth, realtime,
 * files, batch and health endpoints for one audience, from a schema snapshot. Pure: no I/O, no Koa.
 */
import type { Collection } from '../core/collections/model.js';
import { OPTIONAL_TOKEN, sharedComponents } from './openapi-components.js';
import { createDocContext } from './openapi-context.js';
import { authPaths, authSchemas } from './openapi-auth-paths.js';
import { recordPaths } from './openapi-record-paths.js';
import { collectionSchemas } from './openapi-record-schemas.js';
import { SYSTEM_TAGS, systemPaths } from './openapi-system-paths.js';
import type { OpenApiAudience, OpenApiDocument } from './openapi-types.js';

export interface OpenApiOptions {
  audience: OpenApiAudience;
  /** `info.version`: the server's version. */
  version: string;
  /** The base URL clients reach the server at (the request's origin); left out when unknown. */
  serverUrl?: string;
}

export function buildOpenApiDocument(collections: Collection[], options: OpenApiOptions): OpenApiDocument {
  const ctx = createDocContext(collections, options.audience);
  const components = sharedComponents(ctx.names);
  const doc: OpenApiDocument = {
    openapi: '3.1.0',
    info: {
      title: 'Plinth API',
      version: options.version,
      description:
        'Generated from the live collection schema (PocketBase-compatible Web API). ' +
        (options.audience === 'superuser'
          ? 'Superuser view: every collection and every operation.'
          : 'Public view: the collections and operations whose rules let non-superusers in at all; the rules still decide per request.'),
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    tags: [...ctx.collections.map((c) => ({ name: c.name, description: `The ${c.type} collection ${c.name}.` })), ...SYSTEM_TAGS],
    security: OPTIONAL_TOKEN,
    paths: {},
    components,
  };
  for (const c of ctx.collections) {
    Object.assign(components.schemas, collectionSchemas(ctx, c));
    Object.assign(doc.paths, recordPaths(ctx, c));
    if (c.type === 'auth') {
      Object.assign(components.schemas, authSchemas(ctx, c));
      Object.assign(doc.paths, authPaths(ctx, c));
    }
  }
  Object.assign(doc.paths, systemPaths(ctx));
  return doc;
}

/** The document with the base URL of one request (cached documents are shared across origins). */
export const withServerUrl = (doc: OpenApiDocument, serverUrl: string): OpenApiDocument => ({ ...doc, servers: [{ url: serverUrl }] });

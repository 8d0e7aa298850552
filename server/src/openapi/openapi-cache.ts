/**
 * One built document per (schema version, audience). Every schema change, made here or on another instance
 * (cluster/instance-sync.ts reloads the registry on each committed `collection.*` event), goes through
 * `CollectionRegistry.load()`, which bumps `version`: a document of an older version is simply never served
 * again, so nothing has to subscribe to anything.
 */
import type { Collection } from '../core/collections/model.js';
import type { Logger } from '../core/logger.js';
import { buildOpenApiDocument } from './openapi-document.js';
import type { OpenApiAudience, OpenApiDocument } from './openapi-types.js';

export interface SchemaSource {
  readonly version: number;
  all(): Collection[];
}

export interface OpenApiCache {
  get(audience: OpenApiAudience): OpenApiDocument;
}

export function createOpenApiCache(schema: SchemaSource, opts: { version: string; logger?: Logger }): OpenApiCache {
  let builtFor = -1;
  const documents = new Map<OpenApiAudience, OpenApiDocument>();
  return {
    get(audience) {
      if (schema.version !== builtFor) {
        documents.clear();
        builtFor = schema.version;
      }
      let doc = documents.get(audience);
      if (!doc) {
        const started = performance.now();
        const collections = schema.all();
        doc = buildOpenApiDocument(collections, { audience, version: opts.version });
        documents.set(audience, doc);
        opts.logger?.debug('openapi document built', {
          audience,
          schemaVersion: builtFor,
          collections: collections.length,
          ms: Math.round(performance.now() - started),
        });
      }
      return doc;
    },
  };
}

/**
 * Component names and `$ref`s. A collection's record schema is named after the collection itself
 * (`#/components/schemas/posts`); its other schemas add a suffix (`postsCreate`, `postsUpdate`, `postsList`).
 * Collection names are user data, so every other name yields to them: a name already taken gets a trailing
 * `_` until it is free. Names are handed out in one fixed order, so the same schema gives the same names.
 */
import type { Collection } from '../core/collections/model.js';
import type { Ref } from './openapi-types.js';

export const schemaRef = (name: string): Ref => ({ $ref: `#/components/schemas/${name}` });
export const parameterRef = (name: string): Ref => ({ $ref: `#/components/parameters/${name}` });
export const responseRef = (name: string): Ref => ({ $ref: `#/components/responses/${name}` });

export const SHARED_SCHEMAS = [
  'Error',
  'FieldError',
  'ListResult',
  'AuthMethods',
  'MfaRequired',
  'OtpRequested',
  'FileToken',
  'BatchRequest',
  'BatchResult',
  'RealtimeSubscription',
  'Health',
] as const;
export type SharedSchema = (typeof SHARED_SCHEMAS)[number];

const COLLECTION_SCHEMAS = ['Create', 'Update', 'CreateForm', 'UpdateForm', 'List', 'AuthResponse'] as const;
export type CollectionSchemaKind = 'record' | (typeof COLLECTION_SCHEMAS)[number];

export interface ComponentNames {
  shared(name: SharedSchema): string;
  of(collection: Collection, kind: CollectionSchemaKind): string;
}

export function allocateNames(collections: Collection[]): ComponentNames {
  const taken = new Set(collections.map((c) => c.name));
  const claim = (wanted: string): string => {
    let name = wanted;
    while (taken.has(name)) name += '_';
    taken.add(name);
    return name;
  };
  const shared = new Map(SHARED_SCHEMAS.map((name) => [name, claim(name)]));
  const perCollection = new Map(
    collections.map((c) => [c.id, new Map<CollectionSchemaKind, string>([['record', c.name], ...COLLECTION_SCHEMAS.map((k) => [k, claim(c.name + k)] as const)])]),
  );
  return {
    shared: (name) => shared.get(name) ?? name,
    of(collection, kind) {
      const name = perCollection.get(collection.id)?.get(kind);
      if (!name) throw new Error(`openapi: collection ${collection.name} has no component names`);
      return name;
    },
  };
}

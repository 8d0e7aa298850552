/**
 * What a document is built from: the collections its audience may see, their component names, and who the
 * audience is. Superusers see every collection, system ones included. Everyone else sees a collection when
 * at least one of its list/view/create rules is not null (null = superuser only), whatever its `system`
 * flag: `_superusers` and the other locked system collections stay out, while `_externalAuths`,
 * `_authOrigins`, `_mfas` and `_otps`, whose owner rules let their owners list them, are documented.
 * Relations pointing at a hidden collection keep their id strings but are not offered for expansion.
 */
import type { Collection, RuleValue } from '../core/collections/model.js';
import { allocateNames, type ComponentNames } from './openapi-names.js';
import type { OpenApiAudience } from './openapi-types.js';

export interface DocContext {
  audience: OpenApiAudience;
  /** The visible collections, in registry order. */
  collections: Collection[];
  /** Visible collections by id. */
  byId: ReadonlyMap<string, Collection>;
  names: ComponentNames;
}

export const isPubliclyVisible = (c: Collection): boolean => c.listRule !== null || c.viewRule !== null || c.createRule !== null;

export function createDocContext(all: Collection[], audience: OpenApiAudience): DocContext {
  const collections = audience === 'superuser' ? all : all.filter(isPubliclyVisible);
  return { audience, collections, byId: new Map(collections.map((c) => [c.id, c])), names: allocateNames(collections) };
}

/** Whether the audience may call an operation guarded by `rule` (superusers bypass every rule). */
export const allows = (ctx: DocContext, rule: RuleValue | undefined): boolean => ctx.audience === 'superuser' || (rule !== null && rule !== undefined);

/**
 * Rules must parse and resolve against the schema they will run on (including collections validated in the
 * same batch). A failing rule becomes a `validation_invalid_rule` field error, as in PocketBase.
 */
import { FilterError } from '../../filter/errors.js';
import { parseFilter } from '../../filter/parser.js';
import { emptyRequestInfo } from '../../filter/request.js';
import { resolveFilter } from '../../filter/resolve.js';
import type { SchemaCollection, SchemaLookup } from '../../filter/schema.js';
import type { FieldError } from '../errors.js';
import { toSchemaCollection } from './collection-schema.js';
import { error } from './field-types/field-common.js';
import type { Collection } from './model.js';

/** A schema view over an explicit list of collections (by id, or name case-insensitively). */
export function schemaLookupOf(collections: Collection[]): SchemaLookup {
  const schemas = new Map<Collection, SchemaCollection>();
  const schemaOf = (c: Collection) => {
    let s = schemas.get(c);
    if (!s) {
      s = toSchemaCollection(c);
      schemas.set(c, s);
    }
    return s;
  };
  return {
    collection(nameOrId) {
      const lower = nameOrId.toLowerCase();
      const found = collections.find((c) => c.id === nameOrId) ?? collections.find((c) => c.name.toLowerCase() === lower);
      return found ? schemaOf(found) : undefined;
    },
  };
}

/** null when the rule is empty or valid; otherwise the field error to report under the rule's key. */
export function checkRule(rule: unknown, collection: Collection, lookup: SchemaLookup): FieldError | null {
  if (rule === null || rule === undefined || rule === '') return null;
  if (typeof rule !== 'string') return error('validation_invalid_rule', 'Invalid rule. Raw error: the rule must be a string or null');
  try {
    const expr = parseFilter(rule);
    resolveFilter(expr, {
      schema: lookup,
      collection: lookup.collection(collection.id) ?? toSchemaCollection(collection),
      request: emptyRequestInfo(),
      now: new Date(),
      client: false,
    });
    return null;
  } catch (err) {
    if (err instanceof FilterError) return error('validation_invalid_rule', 'Invalid rule. Raw error: ' + err.message);
    throw err;
  }
}

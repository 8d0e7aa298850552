/**
 * Validates a whole collection definition for create (original = null) or update, against the other
 * collections as they will be after the change. Returns PocketBase-shaped field errors, or null.
 */
import { AppError, type FieldError, type FieldErrors } from '../errors.js';
import { schemaLookupOf, checkRule } from './collection-rule-check.js';
import { validateAuthOptions } from './collection-validate-auth.js';
import { validateFields } from './collection-validate-fields.js';
import { validateIndexes } from './collection-validate-indexes.js';
import { error, requiredError } from './field-types/field-common.js';
import { RULE_NAMES, type Collection } from './model.js';

const NAME_PATTERN = /^\w+$/;
const TYPES = ['base', 'auth', 'view'];

export interface ValidationInput {
  /** The definition being saved. */
  collection: Collection;
  /** The stored definition for updates, null on create. */
  original: Collection | null;
  /** Every other collection as it will be once the change is applied. */
  others: Collection[];
  /** The storage's declared support for SQL view collections (false: a view is refused, naming the reason). */
  viewCollections?: boolean;
}

function checkId(c: Collection, original: Collection | null, others: Collection[]): FieldError | null {
  if (typeof c.id !== 'string' || c.id === '') return requiredError();
  if (original) return c.id === original.id ? null : error('validation_values_mismatch', 'Values mismatch.');
  if (c.id.length > 100) return error('validation_length_out_of_range', 'The length must be between 1 and 100.', { min: 1, max: 100 });
  if (!NAME_PATTERN.test(c.id)) return error('validation_match_invalid', 'Must be in a valid format.');
  if (others.some((o) => o.id === c.id)) return error('validation_invalid_id', 'The model id is invalid or already exists.');
  return null;
}

function checkName(c: Collection, original: Collection | null, others: Collection[]): FieldError | null {
  const name = c.name;
  if (typeof name !== 'string' || name === '') return requiredError();
  if (name.length > 255) return error('validation_length_out_of_range', 'The length must be between 1 and 255.', { min: 1, max: 255 });
  if (name.toLowerCase().includes('_via_')) return error('validation_found_via', 'The value cannot contain "_via_".');
  if (!NAME_PATTERN.test(name)) return error('validation_match_invalid', 'Must be in a valid format.');
  if (original?.system && name !== original.name) return error('validation_collection_system_name_change', 'System collection name cannot be changed.');
  const lower = name.toLowerCase();
  if (others.some((o) => o.name.toLowerCase() === lower)) {
    return error('validation_collection_name_exists', 'Collection name must be unique (case insensitive).');
  }
  if (others.some((o) => o.id === name)) return error('validation_collection_name_id_duplicate', 'The name must not match an existing collection id.');
  // Plinth's own tables share the namespace.
  if (lower.startsWith('_plinth')) return error('validation_collection_name_invalid', "The name shouldn't match with an existing internal table.");
  return null;
}

function checkType(c: Collection, original: Collection | null): FieldError | null {
  if (typeof c.type !== 'string' || (c.type as string) === '') return requiredError();
  if (!TYPES.includes(c.type)) return error('validation_in_invalid', 'Must be a valid value.');
  if (original && c.type !== original.type) return error('validation_collection_type_change', 'Collection type cannot be changed.');
  return null;
}

export function validateCollection({ collection: c, original, others, viewCollections }: ValidationInput): FieldErrors | null {
  const all = [...others.filter((o) => o.id !== c.id), c];
  const lookupSchema = schemaLookupOf(all);
  const lookup = (nameOrId: string) => all.find((o) => o.id === nameOrId) ?? all.find((o) => o.name.toLowerCase() === nameOrId.toLowerCase());
  const errors: FieldErrors = {};
  const set = (key: string, err: FieldError | FieldErrors | null) => {
    if (err && !errors[key]) errors[key] = err;
  };

  set('id', checkId(c, original, others));
  if (original && c.system !== original.system) set('system', error('validation_collection_system_flag_change', 'System collection state cannot be changed.'));
  set('type', checkType(c, original));
  set('name', checkName(c, original, others));
  if (errors.type) return errors; // everything below depends on a valid type

  const fieldErrors = validateFields(c, { original, lookup });
  set('fields', fieldErrors);
  set('indexes', validateIndexes(c, original, others));

  // Rules resolve against the fields, so they are only checked once the fields are sound.
  for (const rule of RULE_NAMES) {
    const value = c[rule];
    if (value !== null && typeof value !== 'string') {
      set(rule, error('validation_invalid_rule', 'Invalid rule. Raw error: the rule must be a string or null'));
      continue;
    }
    if (c.type === 'view' && rule !== 'listRule' && rule !== 'viewRule' && value !== null) {
      set(rule, error('validation_nil', 'Must be blank.'));
      continue;
    }
    if (!fieldErrors) set(rule, checkRule(value, c, lookupSchema));
    if (original?.system && (value ?? null) !== (original[rule] ?? null)) {
      set(rule, error('validation_collection_system_rule_change', 'System collection API rule cannot be changed.'));
    }
  }

  if (c.type === 'view') {
    const query = c.viewQuery;
    if (typeof query !== 'string' || !query.trim()) set('viewQuery', requiredError());
    else if (viewCollections === false) {
      const reason = 'View collections are not available: their viewQuery is SQL, and this storage (MongoDB) has no SQL views.';
      set('viewQuery', error('validation_view_collections_unsupported', reason));
    } else set('viewQuery', error('validation_invalid_view_query', 'Invalid query - view collections are not supported yet.'));
  }

  if (c.type === 'auth' && !fieldErrors && !errors.indexes) {
    for (const [key, err] of Object.entries(validateAuthOptions(c, original, lookupSchema) ?? {})) set(key, err);
  }
  return Object.keys(errors).length ? errors : null;
}

/** Throws AppError 400 "Failed to create/update collection." with the field errors when invalid. */
export function assertValidCollection(input: ValidationInput): void {
  const errors = validateCollection(input);
  if (errors) throw new AppError('validation_failed', input.original ? 'Failed to update collection.' : 'Failed to create collection.', errors);
}

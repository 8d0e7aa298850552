/** Validation of a collection's `fields` list: common field keys, per-type options, and cross-field rules. */
import type { FieldError, FieldErrors } from '../errors.js';
import { fieldType } from './field-registry.js';
import { isPlainObject } from './collection-input.js';
import { error, requiredError } from './field-types/field-common.js';
import type { Collection, Field } from './model.js';

const NAME_PATTERN = /^\w+$/;
const EXCLUDED_NAMES = ['null', 'true', 'false', '_rowid_', 'collectionId', 'collectionName', 'expand'];
const RESERVED_AUTH_NAMES = ['passwordConfirm', 'oldPassword'];

export interface FieldsContext {
  original: Collection | null;
  lookup: (nameOrId: string) => Collection | undefined;
}

function checkFieldName(name: unknown): FieldError | null {
  if (typeof name !== 'string' || name === '') return requiredError();
  if (name.length > 100) return error('validation_length_out_of_range', 'The length must be between 1 and 100.', { min: 1, max: 100 });
  if (!NAME_PATTERN.test(name)) return error('validation_match_invalid', 'Must be in a valid format.');
  if (EXCLUDED_NAMES.includes(name)) return error('validation_not_in_invalid', 'Must not be in list.');
  if (name.toLowerCase().includes('_via_')) return error('validation_found_via', 'The value cannot contain "_via_".');
  return null;
}

function checkCommon(field: Field): FieldErrors {
  const errs: FieldErrors = {};
  if (typeof field.id !== 'string' || field.id === '') errs.id = requiredError();
  else if (field.id.length > 100) errs.id = error('validation_length_out_of_range', 'The length must be between 1 and 100.', { min: 1, max: 100 });
  const nameErr = checkFieldName(field.name);
  if (nameErr) errs.name = nameErr;
  if (field.help !== undefined && (typeof field.help !== 'string' || field.help.length > 300)) {
    errs.help = error('validation_length_out_of_range', 'The length must be between 1 and 300.', { min: 1, max: 300 });
  }
  return errs;
}

/** Errors for the `fields` key: a leaf error for list-level problems, or errors nested by field index. */
export function validateFields(c: Collection, ctx: FieldsContext): FieldError | FieldErrors | null {
  if (!Array.isArray(c.fields)) return error('validation_invalid_value', 'Invalid value.');
  const fields = c.fields;
  const perField: FieldErrors = {};
  const add = (i: number, key: string, err: FieldError | null) => {
    if (!err) return;
    const entry = (perField[String(i)] ??= {}) as FieldErrors;
    entry[key] ??= err;
  };

  // Shape and type first: nothing else can be said about a field of unknown type.
  fields.forEach((f, i) => {
    if (!isPlainObject(f)) return add(i, 'type', error('validation_invalid_value', 'Invalid field definition.'));
    if (typeof f.type !== 'string' || !fieldType(f.type)) {
      return add(i, 'type', error('validation_invalid_field_type', `Unknown field type ${JSON.stringify(String(f.type ?? ''))}.`));
    }
  });
  if (Object.keys(perField).length) return perField;

  // Duplicates are reported alone, like PocketBase.
  const ids = new Set<string>();
  const names = new Set<string>();
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    if (ids.has(f.id)) return { [i]: { id: error('validation_duplicated_field_id', `Duplicated or invalid field id ${JSON.stringify(f.id)}`) } };
    const lower = String(f.name).toLowerCase();
    if (names.has(lower)) {
      return { [i]: { name: error('validation_duplicated_field_name', `Duplicated or invalid field name ${f.name}`, { fieldName: f.name }) } };
    }
    ids.add(f.id);
    names.add(lower);
  }

  const listError = checkRequiredFields(c) ?? checkSystemFieldsKept(c, ctx.original);
  if (listError) return listError;

  fields.forEach((f, i) => {
    for (const [key, err] of Object.entries(checkCommon(f))) add(i, key, err as FieldError);
    const old = ctx.original?.fields.find((o) => o.id === f.id);
    if (old && old.type !== f.type && c.type !== 'view') add(i, 'type', error('validation_field_type_change', 'Field type cannot be changed.'));
    if (c.type === 'auth' && RESERVED_AUTH_NAMES.includes(f.name)) {
      add(i, 'name', error('validation_reserved_field_name', 'The field name is reserved and cannot be used.'));
    }
    if (old && f.type === 'relation' && old.type === 'relation' && old.collectionId !== f.collectionId) {
      add(i, 'collectionId', error('validation_field_relation_change', 'The relation collection cannot be changed.'));
    }
    const optionErrs = fieldType(f.type)!.validateOptions(f, c, ctx.lookup);
    for (const [key, err] of Object.entries(optionErrs ?? {})) add(i, key, err as FieldError);
  });
  return Object.keys(perField).length ? perField : null;
}

/** The id primary key, and for auth collections the system fields, must be present and flagged. */
function checkRequiredFields(c: Collection): FieldError | FieldErrors | null {
  if (c.fields.length === 0) return requiredError();
  const byName = (name: string, type: string) => c.fields.find((f) => f.name === name && f.type === type);
  const id = byName('id', 'text');
  if (!id || id.primaryKey !== true) return error('validation_missing_primary_key', 'Missing or invalid "id" PK field.');
  if (c.type !== 'auth') return null;
  const systemAndHidden = error('validation_must_be_system_and_hidden', 'The field must be marked as "System" and "Hidden".');
  const systemOnly = error('validation_must_be_system', 'The field must be marked as "System".');
  const required: [string, string, boolean][] = [
    ['password', 'password', true],
    ['tokenKey', 'text', true],
    ['email', 'email', false],
    ['emailVisibility', 'bool', false],
    ['verified', 'bool', false],
  ];
  for (const [name, type, hidden] of required) {
    const f = byName(name, type);
    if (!f) return error(`validation_missing_${name}_field`, `System "${name}" field is required.`);
    if (!f.system || (hidden && !f.hidden)) return { [name]: hidden ? systemAndHidden : systemOnly };
  }
  return null;
}

function checkSystemFieldsKept(c: Collection, original: Collection | null): FieldError | null {
  if (!original || c.type === 'view') return null;
  for (const old of original.fields) {
    if (!old.system) continue;
    const now = c.fields.find((f) => f.id === old.id);
    if (!now || now.name !== old.name) return error('validation_system_field_change', 'System fields cannot be deleted or renamed.');
  }
  return null;
}

/**
 * `json`: any JSON value, null when unset. Strings stay strings: the HTTP layer already decodes multipart
 * `@jsonPayload` parts, so no guessing here.
 */
import type { FieldType } from '../field-type.js';
import { MAX_SAFE_JSON_INT, checkIntRange, error, intOption, normalizeCommon, optionErrors, requiredError } from './field-common.js';

const DEFAULT_MAX_SIZE = 1 << 20;

function isEmptyJSON(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value as object).length === 0;
  return false;
}

export const jsonFieldType: FieldType = {
  type: 'json',
  storage: () => 'json',
  isMultiple: () => false,
  defaultValue: () => null,
  normalizeOptions: (field) => ({ ...normalizeCommon(field), maxSize: intOption(field, 'maxSize') }),
  validateOptions: (field) => optionErrors([['maxSize', checkIntRange(field.maxSize, 0, MAX_SAFE_JSON_INT)]]),
  prepareValue: (_field, raw) => (raw === undefined ? null : raw),
  validateValue(field, value) {
    let encoded: string | undefined;
    try {
      encoded = JSON.stringify(value ?? null);
    } catch {
      encoded = undefined;
    }
    if (encoded === undefined) return error('validation_invalid_json', 'Must be a valid json value');
    const maxSize = intOption(field, 'maxSize') || DEFAULT_MAX_SIZE;
    if (Buffer.byteLength(encoded, 'utf8') > maxSize) {
      return error('validation_json_size_limit', `The maximum allowed JSON size is ${maxSize} bytes`, { maxSize });
    }
    return field.required && isEmptyJSON(value) ? requiredError() : null;
  },
  toJSON: (_field, value) => (value === undefined ? null : value),
};

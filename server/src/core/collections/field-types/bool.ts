/** `bool`: "required" means the value must be true (PocketBase semantics). */
import type { FieldType } from '../field-type.js';
import { normalizeCommon, requiredError, toBool } from './field-common.js';

export const boolFieldType: FieldType = {
  type: 'bool',
  storage: () => 'bool',
  isMultiple: () => false,
  defaultValue: () => false,
  normalizeOptions: (field) => normalizeCommon(field),
  validateOptions: () => null,
  prepareValue: (_field, raw) => toBool(raw),
  validateValue: (field, value) => (field.required && value !== true ? requiredError() : null),
};

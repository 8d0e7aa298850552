/** `date`: a datetime string in PocketBase's UTC form, '' when unset, with optional min/max bounds. */
import type { FieldType } from '../field-type.js';
import type { Field } from '../model.js';
import { normalizeDateTime, parseDateTime } from '../../datetime.js';
import { error, normalizeCommon, optionErrors, requiredError } from './field-common.js';
import type { FieldError } from '../../errors.js';

const boundOf = (field: Field, key: 'min' | 'max'): string => normalizeDateTime(field[key]);

function checkBoundOption(field: Field, key: 'min' | 'max'): FieldError | null {
  const raw = field[key];
  if (raw === undefined || raw === null || raw === '') return null;
  if (!parseDateTime(raw)) return error('validation_invalid_date', 'Must be a valid date.');
  if (key === 'max') {
    const min = boundOf(field, 'min');
    if (min && boundOf(field, 'max') < min) return error('validation_date_out_of_range', 'The date is out of range.');
  }
  return null;
}

export const dateFieldType: FieldType = {
  type: 'date',
  storage: () => 'text',
  isMultiple: () => false,
  defaultValue: () => '',
  normalizeOptions: (field) => ({ ...normalizeCommon(field), max: boundOf(field, 'max'), min: boundOf(field, 'min') }),
  validateOptions: (field) =>
    optionErrors([
      ['min', checkBoundOption(field, 'min')],
      ['max', checkBoundOption(field, 'max')],
    ]),
  prepareValue: (_field, raw) => normalizeDateTime(raw),
  validateValue(field, value) {
    const text = normalizeDateTime(value);
    if (text === '') return field.required ? requiredError() : null;
    // Normalised strings compare chronologically.
    const min = boundOf(field, 'min');
    if (min && text < min) return error('validation_min_greater_equal_than_required', `Must be no less than ${min}.`, { threshold: min });
    const max = boundOf(field, 'max');
    if (max && text > max) return error('validation_max_less_equal_than_required', `Must be no greater than ${max}.`, { threshold: max });
    return null;
  },
};

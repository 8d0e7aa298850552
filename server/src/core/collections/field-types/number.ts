/** `number`: float64 with optional min/max (nullable) and onlyInt; NaN and ±Infinity are rejected. */
import type { FieldType } from '../field-type.js';
import type { Field } from '../model.js';
import { boolOption, error, numberOrNull, normalizeCommon, optionErrors, requiredError, toFloat } from './field-common.js';
import type { FieldError } from '../../errors.js';

const onlyIntError = () => error('validation_only_int_constraint', 'Decimal numbers are not allowed');

function checkBound(field: Field, key: 'min' | 'max'): FieldError | null {
  const v = field[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v)) return error('validation_invalid_value', 'Invalid value.');
  if (boolOption(field, 'onlyInt') && !Number.isInteger(v)) return onlyIntError();
  if (key === 'max') {
    const min = numberOrNull(field, 'min');
    if (min !== null && v < min) return error('validation_min_number_constraint', `Must be greater or equal than ${min}`, { min });
  }
  return null;
}

export const numberFieldType: FieldType = {
  type: 'number',
  storage: () => 'number',
  isMultiple: () => false,
  defaultValue: () => 0,
  normalizeOptions: (field) => ({
    ...normalizeCommon(field),
    max: numberOrNull(field, 'max'),
    min: numberOrNull(field, 'min'),
    onlyInt: boolOption(field, 'onlyInt'),
  }),
  validateOptions: (field) =>
    optionErrors([
      ['min', checkBound(field, 'min')],
      ['max', checkBound(field, 'max')],
    ]),
  prepareValue: (_field, raw) => toFloat(raw),
  validateValue(field, value) {
    const n = typeof value === 'number' ? value : toFloat(value);
    if (!Number.isFinite(n)) return error('validation_not_a_number', 'The submitted number is not properly formatted');
    if (n === 0) return field.required ? requiredError() : null;
    if (boolOption(field, 'onlyInt') && !Number.isInteger(n)) return onlyIntError();
    const min = numberOrNull(field, 'min');
    if (min !== null && n < min) return error('validation_min_number_constraint', `Must be greater or equal than ${min}`, { min });
    const max = numberOrNull(field, 'max');
    if (max !== null && n > max) return error('validation_max_number_constraint', `Must be less or equal than ${max}`, { max });
    return null;
  },
  applyModifier(_field, modifier, current, arg) {
    const base = toFloat(current);
    if (modifier === 'append') return base + toFloat(arg);
    if (modifier === 'subtract') return base - toFloat(arg);
    return current;
  },
};

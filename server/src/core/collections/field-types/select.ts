/** `select`: one or more values from a fixed list. */
import type { FieldType } from '../field-type.js';
import { checkIntRange, error, intOption, normalizeCommon, optionErrors, requiredError, stringListOption } from './field-common.js';
import { checkSelectionCount, selectionBehaviour } from './multi-value.js';

export const selectFieldType: FieldType = {
  type: 'select',
  ...selectionBehaviour,
  normalizeOptions: (field) => ({
    ...normalizeCommon(field),
    maxSelect: intOption(field, 'maxSelect'),
    values: stringListOption(field, 'values'),
  }),
  validateOptions(field) {
    const values = field.values;
    const valid = Array.isArray(values) && values.every((v) => typeof v === 'string');
    return optionErrors([
      ['values', !valid && values !== undefined ? error('validation_invalid_value', 'Invalid value.') : !stringListOption(field, 'values').length ? requiredError() : null],
      ['maxSelect', checkIntRange(field.maxSelect, 0, Math.max(stringListOption(field, 'values').length, 1))],
    ]);
  },
  validateValue(field, value) {
    const { error: countError, values } = checkSelectionCount(field, value);
    if (countError) return countError;
    const allowed = stringListOption(field, 'values');
    const unknown = values.find((v) => !allowed.includes(v));
    return unknown === undefined ? null : error('validation_invalid_value', `Invalid value ${unknown}`, { value: unknown });
  },
};

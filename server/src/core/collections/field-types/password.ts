/**
 * `password`: write-only. prepareValue keeps the plain text so limits can be checked; the records use case
 * hashes it (argon2id) before storing. Never serialised.
 */
import type { FieldType } from '../field-type.js';
import { checkIntRange, error, intOption, invalidRegexError, isValidRegex, normalizeCommon, optionErrors, requiredError, stringOption, toText } from './field-common.js';

const MAX_LENGTH = 71;

export const passwordFieldType: FieldType = {
  type: 'password',
  storage: () => 'text',
  isMultiple: () => false,
  defaultValue: () => '',
  normalizeOptions: (field) => ({
    cost: intOption(field, 'cost'),
    ...normalizeCommon(field),
    max: intOption(field, 'max'),
    min: intOption(field, 'min'),
    pattern: stringOption(field, 'pattern'),
  }),
  validateOptions: (field) =>
    optionErrors([
      ['min', checkIntRange(field.min, 1, MAX_LENGTH)],
      ['max', checkIntRange(field.max, intOption(field, 'min'), MAX_LENGTH)],
      // bcrypt's cost bounds, kept for definition compatibility (Plinth hashes with argon2id).
      ['cost', checkIntRange(field.cost, 4, 31)],
      ['pattern', stringOption(field, 'pattern') && !isValidRegex(stringOption(field, 'pattern')) ? invalidRegexError() : null],
    ]),
  prepareValue: (_field, raw) => toText(raw),
  validateValue(field, value) {
    const plain = toText(value);
    if (plain === '') return field.required ? requiredError() : null;
    const length = [...plain].length;
    const min = intOption(field, 'min');
    if (length < min) return error('validation_min_text_constraint', `Must be at least ${min} character(s)`);
    const max = intOption(field, 'max') || MAX_LENGTH;
    if (length > max) return error('validation_max_text_constraint', `Must be less than ${max} character(s)`);
    const pattern = stringOption(field, 'pattern');
    if (pattern) {
      let ok = false;
      try {
        ok = new RegExp(pattern, 'u').test(plain);
      } catch {
        ok = false;
      }
      if (!ok) return error('validation_invalid_format', 'Invalid value format');
    }
    return null;
  },
  toJSON: () => undefined,
};

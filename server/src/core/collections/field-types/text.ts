/** `text`: plain string with rune-length limits, a pattern, and an optional autogenerate pattern (also the `id` field). */
import type { FieldType } from '../field-type.js';
import type { Field } from '../model.js';
import { PatternError, randomStringFromPattern } from '../random-pattern.js';
import {
  MAX_SAFE_JSON_INT,
  boolOption,
  checkIntRange,
  error,
  intOption,
  invalidRegexError,
  isValidRegex,
  normalizeCommon,
  optionErrors,
  requiredError,
  stringOption,
  toText,
} from './field-common.js';
import type { FieldError } from '../../errors.js';

const DEFAULT_MAX = 5000;
const FORBIDDEN_PK_CHARS = ['/', '\\', '.', '|', '"', "'", '`', '<', '>', ':', '?', '*', '%', '$', '\0', '\t', '\n', '\r', ' '];
const RESERVED_PKS = ['con', 'aux', 'nul', 'prn', ...[1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((n) => [`com${n}`, `lpt${n}`])];
export const DEFAULT_ID_PATTERN = '^[a-z0-9]+$';

/** Checks a plain text value against the field limits (shared with autogenerate-pattern validation). */
export function validateText(field: Field, value: string): FieldError | null {
  const primaryKey = boolOption(field, 'primaryKey');
  if (value === '') return field.required || primaryKey ? requiredError() : null;
  const length = [...value].length;
  const min = intOption(field, 'min');
  if (min > 0 && length < min) return error('validation_min_text_constraint', `Must be at least ${min} character(s).`, { min });
  const max = intOption(field, 'max') || DEFAULT_MAX;
  if (length > max) return error('validation_max_text_constraint', `Must be no more than ${max} character(s).`, { max });
  const pattern = stringOption(field, 'pattern');
  if (pattern && !safeTest(pattern, value)) return error('validation_invalid_format', 'Invalid value format.');
  if (primaryKey && pattern !== DEFAULT_ID_PATTERN) {
    const ch = FORBIDDEN_PK_CHARS.find((c) => value.includes(c));
    if (ch !== undefined) return error('validation_forbidden_pk_character', `'${ch}' is not a valid primary key character.`, { ch });
    const reserved = RESERVED_PKS.find((r) => r === value.toLowerCase());
    if (reserved) return error('validation_reserved_pk', `The primary key '${reserved}' is reserved and cannot be used.`, { reserved });
  }
  return null;
}

function safeTest(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(value);
  } catch {
    return false;
  }
}

function checkAutogeneratePattern(field: Field): FieldError | null {
  const pattern = stringOption(field, 'autogeneratePattern');
  if (!pattern) return null;
  for (let i = 0; i < 10; i++) {
    let generated: string;
    try {
      generated = randomStringFromPattern(pattern);
    } catch (err) {
      const reason = err instanceof PatternError ? err.message : 'invalid pattern';
      return error('validation_invalid_autogenerate_pattern', reason);
    }
    if (validateText(field, generated)) {
      return error(
        'validation_invalid_autogenerate_pattern_value',
        `The provided autogenerate pattern could produce invalid field values, ex.: ${JSON.stringify(generated)}`,
      );
    }
  }
  return null;
}

export const textFieldType: FieldType = {
  type: 'text',
  storage: () => 'text',
  isMultiple: () => false,
  defaultValue: () => '',
  normalizeOptions(field) {
    return {
      autogeneratePattern: stringOption(field, 'autogeneratePattern'),
      ...normalizeCommon(field),
      max: intOption(field, 'max'),
      min: intOption(field, 'min'),
      pattern: stringOption(field, 'pattern'),
      primaryKey: boolOption(field, 'primaryKey'),
    };
  },
  validateOptions(field, collection) {
    const primaryKey = boolOption(field, 'primaryKey');
    const pattern = field.pattern;
    const pkCount = collection.fields.filter((f) => f.type === 'text' && f.primaryKey === true).length;
    return optionErrors([
      ['name', primaryKey && field.name !== 'id' ? error('validation_in_invalid', 'The primary key must be named "id".') : null],
      ['primaryKey', primaryKey && pkCount > 1 ? error('validation_unsupported_composite_pk', 'Composite PKs are not supported and the collection must have only 1 PK.') : null],
      ['min', checkIntRange(field.min, 0, MAX_SAFE_JSON_INT)],
      ['max', checkIntRange(field.max, intOption(field, 'min'), MAX_SAFE_JSON_INT)],
      ['pattern', primaryKey && !pattern ? requiredError() : typeof pattern === 'string' && pattern && !isValidRegex(pattern) ? invalidRegexError() : null],
      ['hidden', primaryKey && field.hidden ? error('validation_empty', 'Must be blank.') : null],
      ['required', primaryKey && !field.required ? requiredError() : null],
      ['autogeneratePattern', typeof field.autogeneratePattern === 'string' && field.autogeneratePattern && !isValidRegex(field.autogeneratePattern) ? invalidRegexError() : checkAutogeneratePattern(field)],
    ]);
  },
  prepareValue: (_field, raw) => toText(raw),
  validateValue(field, value, ctx) {
    const text = typeof value === 'string' ? value : toText(value);
    if (boolOption(field, 'primaryKey') && !ctx.isNew) {
      const previous = ctx.existing?.[field.name];
      if (previous !== undefined && previous !== text) return error('validation_pk_change', 'The record primary key cannot be changed.');
      if (previous) return null;
    }
    return validateText(field, text);
  },
  applyModifier(field, modifier, current, arg) {
    if (modifier !== 'autogenerate') return current;
    const pattern = stringOption(field, 'autogeneratePattern');
    return toText(arg) + (pattern ? generateOrEmpty(pattern) : '');
  },
  onSave(field, ctx, current) {
    // PocketBase fills an empty value on create only.
    const pattern = stringOption(field, 'autogeneratePattern');
    if (!pattern || !ctx.isNew || (typeof current === 'string' && current !== '')) return undefined;
    return generateOrEmpty(pattern);
  },
};

function generateOrEmpty(pattern: string): string {
  try {
    return randomStringFromPattern(pattern);
  } catch {
    return '';
  }
}

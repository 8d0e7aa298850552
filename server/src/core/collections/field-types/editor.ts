/** `editor`: rich text (HTML) kept as a string, limited by byte size. */
import type { FieldType } from '../field-type.js';
import { MAX_SAFE_JSON_INT, boolOption, checkIntRange, error, intOption, normalizeCommon, optionErrors, requiredError, toText } from './field-common.js';

const DEFAULT_MAX_SIZE = 5 << 20;

export const editorFieldType: FieldType = {
  type: 'editor',
  storage: () => 'text',
  isMultiple: () => false,
  defaultValue: () => '',
  normalizeOptions: (field) => ({
    convertURLs: boolOption(field, 'convertURLs'),
    ...normalizeCommon(field),
    maxSize: intOption(field, 'maxSize'),
  }),
  validateOptions: (field) => optionErrors([['maxSize', checkIntRange(field.maxSize, 0, MAX_SAFE_JSON_INT)]]),
  prepareValue: (_field, raw) => toText(raw),
  validateValue(field, value) {
    const text = toText(value);
    if (text === '') return field.required ? requiredError() : null;
    const maxSize = intOption(field, 'maxSize') || DEFAULT_MAX_SIZE;
    if (Buffer.byteLength(text, 'utf8') > maxSize) {
      return error('validation_content_size_limit', `The maximum allowed content size is ${maxSize} bytes`, { maxSize });
    }
    return null;
  },
};

/**
 * `file`: stored file names (contract 4.3, 7). Values behave like select/relation values (single = last given
 * name, modifiers append/prepend/subtract); the names of files uploaded with the save arrive in
 * `ctx.uploads` and are checked for size and sniffed MIME type, every other name must already be on the record.
 */
import type { FieldError } from '../../errors.js';
import type { FieldType, FieldValueContext } from '../field-type.js';
import type { Field } from '../model.js';
import {
  MAX_SAFE_JSON_INT,
  boolOption,
  checkIntRange,
  checkStringList,
  error,
  intOption,
  normalizeCommon,
  optionErrors,
  requiredError,
  stringListOption,
  toUniqueStrings,
} from './field-common.js';
import { selectionBehaviour } from './multi-value.js';

export const DEFAULT_FILE_MAX_SIZE = 5 << 20;

/** `WxH` (crop centre), `WxHt` (top), `WxHb` (bottom), `WxHf` (fit), `0xH` / `Wx0` (keep aspect ratio). */
export const THUMB_SIZE = /^(\d+)x(\d+)(t|b|f)?$/;

export const isValidThumbSize = (size: string): boolean => {
  const m = THUMB_SIZE.exec(size);
  return !!m && !(Number(m[1]) === 0 && Number(m[2]) === 0);
};

export const fileMaxSize = (field: Field): number => intOption(field, 'maxSize') || DEFAULT_FILE_MAX_SIZE;

/** The MIME type without parameters, lower-cased: "text/plain; charset=utf-8" -> "text/plain". */
const baseMime = (mime: string): string => mime.split(';')[0].trim().toLowerCase();

function checkThumbs(value: unknown): FieldError | Record<string, FieldError> | null {
  const listError = checkStringList(value);
  if (listError || !Array.isArray(value)) return listError;
  const errors: Record<string, FieldError> = {};
  value.forEach((size: string, i) => {
    if (!isValidThumbSize(size)) errors[String(i)] = error('validation_invalid_thumb_size', `Invalid thumb size format ${size}`);
  });
  return Object.keys(errors).length ? errors : null;
}

function checkNames(field: Field, names: string[], ctx: FieldValueContext): FieldError | null {
  const existing = toUniqueStrings(ctx.existing?.[field.name]);
  const maxSize = fileMaxSize(field);
  const allowed = stringListOption(field, 'mimeTypes').map(baseMime);
  for (const name of names) {
    const upload = ctx.uploads?.get(name);
    if (!upload) {
      if (!existing.includes(name)) return error('validation_invalid_file', `Invalid file ${JSON.stringify(name)}`, { file: name });
      continue;
    }
    if (upload.size > maxSize) {
      return error('validation_file_size_limit', `Failed to upload ${upload.filename} - the maximum allowed file size is ${maxSize} bytes`, {
        file: upload.filename,
        maxSize,
      });
    }
    if (allowed.length > 0 && !allowed.includes(baseMime(upload.mimeType))) {
      return error('validation_invalid_mime_type', `"${upload.filename}" mime type must be one of: ${allowed.join(', ')}`, {
        file: upload.filename,
        mimeTypes: allowed.join(', '),
      });
    }
  }
  return null;
}

export const fileFieldType: FieldType = {
  type: 'file',
  ...selectionBehaviour,
  normalizeOptions: (field) => ({
    ...normalizeCommon(field),
    maxSelect: intOption(field, 'maxSelect'),
    maxSize: intOption(field, 'maxSize'),
    mimeTypes: stringListOption(field, 'mimeTypes'),
    protected: boolOption(field, 'protected'),
    thumbs: stringListOption(field, 'thumbs'),
  }),
  validateOptions: (field) =>
    optionErrors([
      ['maxSelect', checkIntRange(field.maxSelect, 0, MAX_SAFE_JSON_INT)],
      ['maxSize', checkIntRange(field.maxSize, 0, MAX_SAFE_JSON_INT)],
      ['mimeTypes', checkStringList(field.mimeTypes)],
      ['thumbs', checkThumbs(field.thumbs) as FieldError | null],
    ]),
  validateValue(field, value, ctx) {
    const names = toUniqueStrings(value);
    if (names.length === 0) return field.required ? requiredError() : null;
    const maxSelect = Math.max(intOption(field, 'maxSelect'), 1);
    if (names.length > maxSelect) {
      return error('validation_too_many_files', `The maximum allowed files is ${maxSelect}`, { maxSelect });
    }
    return checkNames(field, names, ctx);
  },
};

/**
 * Helpers shared by the field type modules: Go-`cast`-style lenient coercions, option readers, and the
 * PocketBase validation errors (ozzo-validation codes; messages sentenized as PocketBase renders them).
 */
import { fieldError, normalizeMessage, type FieldError, type FieldErrors } from '../../errors.js';
import type { Field } from '../model.js';

export const error = (code: string, message: string, params?: Record<string, unknown>): FieldError =>
  fieldError(code, normalizeMessage(message), params);

export const requiredError = (): FieldError => error('validation_required', 'Cannot be blank.');
export const minError = (threshold: unknown) =>
  error('validation_min_greater_equal_than_required', `Must be no less than ${threshold}.`, { threshold });
export const maxError = (threshold: unknown) =>
  error('validation_max_less_equal_than_required', `Must be no greater than ${threshold}.`, { threshold });
export const invalidRegexError = () => error('validation_invalid_regex', 'Invalid regular expression.');

/** Go's cast.ToString: scalars become their text form, everything else ''. */
export function toText(raw: unknown): string {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number') return Number.isFinite(raw) ? String(raw) : '';
  if (typeof raw === 'boolean') return raw ? 'true' : 'false';
  if (typeof raw === 'bigint') return raw.toString();
  return '';
}

/** Go's cast.ToFloat64: numbers as-is, numeric strings parsed, booleans 1/0, anything else 0. */
export function toFloat(raw: unknown): number {
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'boolean') return raw ? 1 : 0;
  if (typeof raw === 'string') {
    const text = raw.trim();
    if (/^[+-]?nan$/i.test(text)) return NaN;
    if (/^[+-]?inf(inity)?$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
    const n = Number(text);
    return text === '' || Number.isNaN(n) || /^[+-]?0[xob]/i.test(text) ? 0 : n;
  }
  return 0;
}

/** Go's cast.ToBool: true, "true", "1", "t" (any case) and non-zero numbers are true. */
export function toBool(raw: unknown): boolean {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return raw !== 0 && !Number.isNaN(raw);
  if (typeof raw === 'string') return ['1', 't', 'true'].includes(raw.trim().toLowerCase());
  return false;
}

/**
 * PocketBase's list.ToUniqueStringSlice: arrays, single strings, and JSON-array strings become a list of
 * unique non-empty strings in first-seen order.
 */
export function toUniqueStrings(raw: unknown): string[] {
  let items: unknown[] = [];
  if (Array.isArray(raw)) items = raw;
  else if (typeof raw === 'string') {
    if (raw.includes('[')) {
      try {
        const parsed: unknown = JSON.parse(raw);
        items = Array.isArray(parsed) ? parsed : [raw];
      } catch {
        items = [raw];
      }
    } else items = [raw];
  } else if (raw !== null && raw !== undefined) items = [raw];
  const out: string[] = [];
  for (const item of items) {
    const text = toText(item);
    if (text !== '' && !out.includes(text)) out.push(text);
  }
  return out;
}

// --- option readers: stored definitions may come from clients, so never trust option types ---
export const intOption = (field: Field, key: string): number => {
  const v = field[key];
  return typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : 0;
};
export const numberOrNull = (field: Field, key: string): number | null => {
  const v = field[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};
export const boolOption = (field: Field, key: string): boolean => field[key] === true;
export const stringOption = (field: Field, key: string): string => (typeof field[key] === 'string' ? (field[key] as string) : '');
export const stringListOption = (field: Field, key: string): string[] =>
  Array.isArray(field[key]) ? (field[key] as unknown[]).filter((v): v is string => typeof v === 'string') : [];

/** The keys every field has, in PocketBase's JSON order; type options are appended by each type. */
export function normalizeCommon(field: Field, withRequired = true): Field {
  const base: Field = {
    hidden: field.hidden === true,
    id: typeof field.id === 'string' ? field.id : '',
    name: typeof field.name === 'string' ? field.name : '',
    presentable: field.presentable === true,
    system: field.system === true,
    type: field.type,
    help: typeof field.help === 'string' ? field.help : '',
  };
  if (withRequired) base.required = field.required === true;
  // Plinth's own flag (records/serialize-record.ts), kept only where set so PocketBase's field JSON is unchanged.
  if (field.writeOnly === true) base.writeOnly = true;
  return base;
}

export function isValidRegex(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

/** Collects option errors into a FieldErrors object, or null when there are none. */
export function optionErrors(entries: [string, FieldError | null | undefined][]): FieldErrors | null {
  const out: FieldErrors = {};
  for (const [key, err] of entries) if (err && !out[key]) out[key] = err;
  return Object.keys(out).length ? out : null;
}

/** ozzo's Min/Max for integer options; `min` and `max` are inclusive. */
export function checkIntRange(value: unknown, min: number, max?: number): FieldError | null {
  // ozzo's threshold rules skip empty values, so 0 always passes.
  if (value === undefined || value === null || value === 0) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) return error('validation_invalid_value', 'Invalid value.');
  if (value < min) return minError(min);
  if (max !== undefined && value > max) return maxError(max);
  return null;
}

/** Options holding domain lists (email/url): each an array of strings. */
export function checkStringList(value: unknown): FieldError | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) return error('validation_invalid_value', 'Invalid value.');
  return null;
}

export const MAX_SAFE_JSON_INT = 2 ** 53 - 1;

/**
 * Value handling shared by select and relation: lists of unique strings when maxSelect > 1, otherwise a single
 * string holding the LAST given value; plus the append/prepend/subtract modifiers.
 */
import type { FieldType } from '../field-type.js';
import type { Field } from '../model.js';
import { error, intOption, requiredError, toUniqueStrings } from './field-common.js';
import type { FieldError } from '../../errors.js';

export const isMultiSelect = (field: Field): boolean => intOption(field, 'maxSelect') > 1;

export function normalizeSelection(field: Field, raw: unknown): string | string[] {
  const values = toUniqueStrings(raw);
  if (isMultiSelect(field)) return values;
  return values.length ? values[values.length - 1] : '';
}

/** Required and maxSelect checks; returns the normalised list for further checks. */
export function checkSelectionCount(field: Field, value: unknown): { error: FieldError | null; values: string[] } {
  const values = toUniqueStrings(value);
  if (values.length === 0) return { error: field.required ? requiredError() : null, values };
  const minSelect = intOption(field, 'minSelect');
  if (minSelect > 0 && values.length < minSelect) {
    return { error: error('validation_not_enough_values', `Select at least ${minSelect}`, { minSelect }), values };
  }
  const maxSelect = Math.max(intOption(field, 'maxSelect'), 1);
  if (values.length > maxSelect) {
    return { error: error('validation_too_many_values', `Select no more than ${maxSelect}`, { maxSelect }), values };
  }
  return { error: null, values };
}

export const selectionModifier: NonNullable<FieldType['applyModifier']> = (field, modifier, current, arg) => {
  const existing = toUniqueStrings(current);
  const given = toUniqueStrings(arg);
  if (modifier === 'append') return normalizeSelection(field, [...existing, ...given]);
  if (modifier === 'prepend') return normalizeSelection(field, [...given, ...existing]);
  if (modifier === 'subtract') return normalizeSelection(field, existing.filter((v) => !given.includes(v)));
  return current;
};

/** Shared members of the select and relation field types. */
export const selectionBehaviour = {
  storage: (field: Field) => (isMultiSelect(field) ? 'list' : 'text'),
  isMultiple: isMultiSelect,
  defaultValue: (field: Field) => (isMultiSelect(field) ? [] : ''),
  prepareValue: (field: Field, raw: unknown) => normalizeSelection(field, raw),
  toJSON: (field: Field, value: unknown) => normalizeSelection(field, value),
  applyModifier: selectionModifier,
} satisfies Partial<FieldType>;

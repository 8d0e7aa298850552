/** Test helpers: complete field definitions and a value context. */
import type { FieldValueContext } from '../field-type.js';
import { completeField, scaffold } from '../collection-scaffold.js';
import type { Field } from '../model.js';

export const field = (type: string, options: Record<string, unknown> = {}): Field =>
  completeField({ name: 'f', type, ...options } as Field & { name: string; type: string });

export const ctx = (over: Partial<FieldValueContext> = {}): FieldValueContext => ({
  collection: { ...scaffold('base'), id: 'pbc_1', name: 'posts' },
  isNew: true,
  now: new Date('2024-05-06T07:08:09.123Z'),
  ...over,
});

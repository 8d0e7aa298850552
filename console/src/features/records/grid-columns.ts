/** Which fields a records grid shows (pure: tested). Secrets never, hidden-by-user skipped. */
import type { CollectionModel, FieldModel } from '@plinth/sdk';

const NEVER = new Set(['password', 'tokenKey']);

export function gridFields(collection: CollectionModel): FieldModel[] {
  return collection.fields.filter((f) => !NEVER.has(f.name) && f.type !== 'password');
}

export function visibleFields(collection: CollectionModel, hidden: string[]): FieldModel[] {
  return gridFields(collection).filter((f) => !hidden.includes(f.name));
}

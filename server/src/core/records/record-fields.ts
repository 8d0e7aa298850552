/**
 * Field facts the records use cases need beyond the FieldType contract: which fields hold passwords (hashed on
 * save, never output, validated only when submitted) and which hold relations (checked against their target).
 */
import { fieldType } from '../collections/field-registry.js';
import type { FieldType } from '../collections/field-type.js';
import type { Collection, Field } from '../collections/model.js';

export const isPasswordField = (field: Field): boolean => field.type === 'password';

export const isWriteOnly = (field: Field): boolean => field.writeOnly === true;

/** The write-only fields this write set (a non-empty value in the written columns): its response reveals them. */
export function writtenWriteOnly(collection: Collection, written: Record<string, unknown>): Set<string> {
  return new Set(collection.fields.filter((f) => isWriteOnly(f) && written[f.name] !== undefined && written[f.name] !== '').map((f) => f.name));
}

/** Values the server sets on every save (autodate); client input for them is ignored. */
export const isServerManaged = (field: Field): boolean => field.type === 'autodate';

/** Target collection id of a relation field, or undefined for other fields. */
export function relationTarget(field: Field): string | undefined {
  return field.type === 'relation' && typeof field.collectionId === 'string' ? field.collectionId : undefined;
}

export function findField(collection: Collection, name: string): Field | undefined {
  return collection.fields.find((f) => f.name === name);
}

/** Stored relation/select/file value -> list of non-empty strings (single values are plain strings). */
export function valueList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v !== '');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

/** The field's type module; undefined for types this server does not implement (their values pass through). */
export const typeOf = (field: Field): FieldType | undefined => fieldType(field.type);

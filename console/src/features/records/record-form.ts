/** Record form state ↔ request body, through each field type's plug-in (pure: tested). */
import type { CollectionModel, FieldModel } from '@plinth/sdk';
import type { FieldRegistry } from '../../fields/field-registry.js';

/** Fields the form does not render as ordinary inputs. */
const SKIP = new Set(['id', 'tokenKey']);

export function formFields(collection: CollectionModel): FieldModel[] {
  return collection.fields.filter((f) => !SKIP.has(f.name) && f.type !== 'password');
}

export function initialValues(collection: CollectionModel, registry: FieldRegistry, record?: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of formFields(collection)) {
    const type = registry.get(f.type);
    out[f.name] = record ? (type.fromRecord ? type.fromRecord(record[f.name], f) : record[f.name]) : type.empty(f);
  }
  return out;
}

export function validateValues(collection: CollectionModel, registry: FieldRegistry, values: Record<string, unknown>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const f of formFields(collection)) {
    const message = registry.get(f.type).validate?.(values[f.name], f);
    if (message) errors[f.name] = message;
  }
  return errors;
}

export function toPayload(
  collection: CollectionModel,
  registry: FieldRegistry,
  values: Record<string, unknown>,
  auth?: { password: string; passwordConfirm: string },
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of formFields(collection)) {
    const type = registry.get(f.type);
    if (type.readOnly) continue;
    Object.assign(body, type.toWire ? type.toWire(values[f.name], f) : { [f.name]: values[f.name] });
  }
  if (auth?.password) Object.assign(body, auth);
  return body;
}

/**
 * Submitted body -> field values. Keys are matched to fields (unknown keys are ignored), modifiers
 * (`field+`, `+field`, `field-`, `field:autogenerate`) are applied shortest-key-first against the current
 * value, hidden fields are dropped for non-superusers (except an auth collection's `password`), and keys that
 * are never stored (`expand`, `passwordConfirm`, `oldPassword`) are set aside.
 */
import type { FieldValueContext } from '../collections/field-type.js';
import type { Collection, Field } from '../collections/model.js';
import { findField, isPasswordField, isServerManaged, typeOf } from './record-fields.js';

type Modifier = 'append' | 'prepend' | 'subtract' | 'autogenerate';

export interface RecordInput {
  /** Field name -> prepared value, only for fields the body touched. */
  values: Record<string, unknown>;
  /** The body as rules see it (`@request.body`): modifier keys replaced by the resolved field values. */
  body: Record<string, unknown>;
  passwordConfirm: unknown;
  oldPassword: unknown;
}

const neverStored = new Set(['expand', 'passwordConfirm', 'oldPassword']);

function parseKey(key: string): { name: string; modifier?: Modifier } {
  if (key.endsWith(':autogenerate')) return { name: key.slice(0, -':autogenerate'.length), modifier: 'autogenerate' };
  if (key.endsWith('+')) return { name: key.slice(0, -1), modifier: 'append' };
  if (key.startsWith('+')) return { name: key.slice(1), modifier: 'prepend' };
  if (key.endsWith('-')) return { name: key.slice(0, -1), modifier: 'subtract' };
  return { name: key };
}

/** Multi values may arrive as a JSON-array string (`"[\"a\",\"b\"]"`), e.g. from a plain form. */
function decodeListText(field: Field, raw: unknown): unknown {
  if (typeof raw !== 'string' || !typeOf(field)?.isMultiple(field)) return raw;
  const text = raw.trim();
  if (!text.startsWith('[')) return raw;
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed : raw;
  } catch {
    return raw;
  }
}

export interface InputOptions {
  collection: Collection;
  isSuperuser: boolean;
  /** Stored row on update (modifiers start from it). */
  existing?: Record<string, unknown>;
  valueContext: FieldValueContext;
}

export function readRecordInput(body: Record<string, unknown>, options: InputOptions): RecordInput {
  const { collection, isSuperuser, existing, valueContext } = options;
  const values: Record<string, unknown> = {};
  const ruleBody: Record<string, unknown> = {};
  const keys = Object.keys(body).sort((a, b) => a.length - b.length);

  for (const key of keys) {
    if (neverStored.has(key)) continue;
    const { name, modifier } = parseKey(key);
    const field = findField(collection, name);
    if (!field) {
      if (!modifier) ruleBody[key] = body[key];
      continue;
    }
    if (isServerManaged(field)) continue;
    if (name === 'id' && existing) continue;
    const keepHidden = isSuperuser || (collection.type === 'auth' && name === 'password');
    if (field.hidden && !keepHidden) continue;

    const type = typeOf(field);
    if (!type) continue;
    const raw = decodeListText(field, body[key]);
    if (!modifier) {
      values[name] = type.prepareValue(field, raw, valueContext);
    } else {
      if (!type.applyModifier) continue;
      const current = name in values ? values[name] : (existing?.[name] ?? type.defaultValue(field));
      const combined = type.applyModifier(field, modifier, current, raw);
      values[name] = type.prepareValue(field, combined, valueContext);
    }
    // Rules see the plain password as submitted, never a hash.
    ruleBody[name] = isPasswordField(field) ? body[key] : values[name];
  }
  return { values, body: ruleBody, passwordConfirm: body.passwordConfirm, oldPassword: body.oldPassword };
}

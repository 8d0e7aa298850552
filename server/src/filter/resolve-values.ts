/**
 * Turning request data (auth record, body, query, headers) into filter literals, the way PocketBase binds
 * `@request.*` values: scalars stay scalars, anything else compares as its JSON text.
 */
import type { Operand, Scalar } from './condition.js';

export const literal = (value: Scalar): Operand => ({ kind: 'literal', value });
export const nullLiteral: Operand = Object.freeze({ kind: 'literal', value: null }) as Operand;

export function toScalar(value: unknown): Scalar {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value) ?? null;
}

/** PocketBase treats a missing value as no items and a non-array as one item. */
export function toItems(value: unknown): unknown[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Relation ids as submitted or stored: unique non-empty strings. */
export function toIdList(value: unknown): string[] {
  const ids = toItems(value)
    .filter((item) => item !== null && item !== undefined && item !== '')
    .map((item) => String(item));
  return [...new Set(ids)];
}

export interface LookupResult {
  found: boolean;
  value: unknown;
}

/** Walks objects by key and arrays by numeric index; `found` is false as soon as a key is missing. */
export function lookupPath(root: unknown, keys: readonly string[]): LookupResult {
  let current: unknown = root;
  for (const key of keys) {
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(key) || Number(key) >= current.length) return { found: false, value: null };
      current = current[Number(key)];
    } else if (current !== null && typeof current === 'object') {
      if (!Object.prototype.hasOwnProperty.call(current, key)) return { found: false, value: null };
      current = (current as Record<string, unknown>)[key];
    } else {
      return { found: false, value: null };
    }
  }
  return { found: true, value: current };
}

/** `:lower` on a bound value: LOWER(NULL) stays NULL, everything else is lowered as text. */
export function lowerScalar(value: Scalar): Scalar {
  if (value === null) return null;
  return String(value).toLowerCase();
}

/** A numeric string submitted for a number field compares as a number (multipart bodies are all strings). */
export function numericIfPossible(value: Scalar): Scalar {
  if (typeof value !== 'string' || value.trim() === '') return value;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : value;
}

/**
 * Decoding of form bodies (multipart text parts and urlencoded pairs) into one plain object, as PocketBase
 * does (contract 2.6): scalar inference per value, repeated keys become arrays, and every `@jsonPayload` part
 * is a JSON object merged on top of the ordinary values (later parts win).
 */
import { badRequest } from '../../core/errors.js';

export const JSON_PAYLOAD_KEY = '@jsonPayload';

/**
 * "true"/"false" become booleans; a numeric string becomes a number only when formatting that number back
 * gives the same text (so "0001", "1e3", "0.0" and "" stay strings).
 */
export function inferScalar(text: string): string | number | boolean {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text !== '' && /^[-+]?[\d.]/.test(text)) {
    const n = Number(text);
    if (Number.isFinite(n) && String(n) === text) return n;
  }
  return text;
}

/** Accumulates `[key, text]` pairs in order and produces the decoded object. */
export class FormValues {
  private readonly values = new Map<string, unknown[]>();
  private readonly payloads: string[] = [];

  add(key: string, text: string): void {
    if (key === JSON_PAYLOAD_KEY) {
      this.payloads.push(text);
      return;
    }
    const list = this.values.get(key);
    if (list) list.push(inferScalar(text));
    else this.values.set(key, [inferScalar(text)]);
  }

  toObject(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, list] of this.values) out[key] = list.length === 1 ? list[0] : list;
    for (const raw of this.payloads) Object.assign(out, parseJsonObject(raw));
    return out;
  }
}

/** Parses a JSON object body; `null`/empty gives `{}`, anything else that is not an object is a 400. */
export function parseJsonObject(raw: string): Record<string, unknown> {
  if (raw.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw badRequest('Failed to load the submitted data due to invalid formatting.');
  }
  if (value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest('Failed to load the submitted data due to invalid formatting.');
  }
  return value as Record<string, unknown>;
}

export function decodeUrlEncoded(raw: string): Record<string, unknown> {
  const form = new FormValues();
  for (const [key, value] of new URLSearchParams(raw)) form.add(key, value);
  return form.toObject();
}

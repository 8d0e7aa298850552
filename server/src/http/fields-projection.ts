/**
 * The `fields` query parameter (contract 1.3): a pure projection of a JSON value. Dotted paths descend into
 * objects and arrays of objects, `*` keeps every key of its level not otherwise mentioned, and the
 * `:excerpt(max, withEllipsis?)` modifier turns HTML/text into a short plain-text excerpt.
 */
import { badRequest } from '../core/errors.js';
import { htmlExcerpt } from './html-excerpt.js';

export type FieldModifier = (value: unknown) => unknown;
/** Path → modifier (null = keep the value as is). */
export type FieldSelection = Map<string, FieldModifier | null>;

const invalid = (detail: string) => badRequest(`Invalid fields parameter: ${detail}`);

/** Splits on commas outside parentheses. */
function splitTopLevel(raw: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of raw) {
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

const TRUTHY = new Set(['1', 't', 'true']);
const BOOLEAN = new Set(['1', 't', 'true', '0', 'f', 'false']);

function parseModifier(text: string): FieldModifier {
  const m = /^(\w+)\((.*)\)$/s.exec(text.trim());
  if (!m) throw invalid(`malformed modifier "${text}".`);
  const [, name, rawArgs] = m;
  if (name !== 'excerpt') throw invalid(`unknown modifier "${name}".`);
  const args = rawArgs.split(',').map((a) => a.trim().replace(/^["']|["']$/g, ''));
  if (args.length === 0 || args[0] === '' || args.length > 2) throw invalid('excerpt expects (max, withEllipsis?).');
  const max = Number(args[0]);
  if (!Number.isInteger(max) || max <= 0) throw invalid('excerpt max must be a positive integer.');
  const ellipsisArg = (args[1] ?? 'false').toLowerCase();
  if (!BOOLEAN.has(ellipsisArg)) throw invalid('excerpt withEllipsis must be a boolean.');
  const withEllipsis = TRUTHY.has(ellipsisArg);
  return (value) => (typeof value === 'string' ? htmlExcerpt(value, max, withEllipsis) : value);
}

export function parseFields(raw: string): FieldSelection {
  const selection: FieldSelection = new Map();
  for (const part of splitTopLevel(raw)) {
    const colon = part.indexOf(':');
    if (colon === -1) selection.set(part, null);
    else selection.set(part.slice(0, colon).trim(), parseModifier(part.slice(colon + 1)));
  }
  return selection;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Projects a JSON value (objects, or arrays of objects; other values are returned unchanged). */
export function projectFields(value: unknown, selection: FieldSelection): unknown {
  if (selection.size === 0) return value;
  if (Array.isArray(value)) {
    if (value.length === 0 || !isPlainObject(value[0])) return value;
    return value.map((item) => (isPlainObject(item) ? projectObject(item, selection) : item));
  }
  return isPlainObject(value) ? projectObject(value, selection) : value;
}

const touches = (path: string, key: string) => path === key || path.startsWith(key + '.');

function projectObject(obj: Record<string, unknown>, selection: FieldSelection): Record<string, unknown> {
  const star = selection.get('*');
  const paths = [...selection.keys()];
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) {
    const matching = paths.filter((p) => touches(p, key));
    if (matching.length === 0) {
      if (selection.has('*')) out[key] = star ? star(value) : value;
      continue;
    }
    if (matching.includes(key)) {
      const modifier = selection.get(key);
      out[key] = modifier ? modifier(value) : value;
      continue;
    }
    const nested: FieldSelection = new Map();
    for (const p of matching) nested.set(p.slice(key.length + 1), selection.get(p) ?? null);
    out[key] = projectFields(value, nested);
  }
  return out;
}

/** List envelopes (`{page, perPage, totalItems, totalPages, items}`) are projected inside `items`. */
export function isListEnvelope(value: unknown): value is Record<string, unknown> & { items: unknown[] } {
  return isPlainObject(value) && Array.isArray(value.items) && 'page' in value && 'perPage' in value && 'totalItems' in value;
}

export function projectResponse(body: unknown, rawFields: string): unknown {
  const selection = parseFields(rawFields);
  if (selection.size === 0) return body;
  if (isListEnvelope(body)) return { ...body, items: projectFields(body.items, selection) };
  return projectFields(body, selection);
}

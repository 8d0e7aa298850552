/**
 * State shared by the resolve-*.ts helpers during one `resolveFilter`/`resolveSort` call.
 */
import type { Condition, Operand, PathOperand } from './condition.js';
import { FilterError } from './errors.js';
import type { RequestInfo } from './request.js';
import type { SchemaCollection, SchemaLookup } from './schema.js';

export interface ResolveOptions {
  schema: SchemaLookup;
  /** The collection whose records are filtered (the base of plain field paths). */
  collection: SchemaCollection;
  request: RequestInfo;
  /** The request clock for datetime macros. */
  now: Date;
  /** True for a filter/sort written by a non-superuser client (query string), false for rules and superusers. */
  client: boolean;
}

export interface ResolveContext {
  options: ResolveOptions;
  /** The list rule of `collection` resolved with it as base; undefined when there is nothing to guard. */
  guardFor(collection: SchemaCollection): Condition | undefined;
}

/**
 * `@request.body.x:changed` is not a value but a condition (key submitted AND value differs from the stored
 * field); the comparison builder turns it into one.
 */
export interface ChangedOperand {
  kind: 'changed';
  isset: boolean;
  body: Operand;
  field: PathOperand;
}

/** A resolved operand, plus the email-privacy constraint PocketBase adds for client filters on auth emails. */
export type ResolvedOperand = (Operand & { emailVisibility?: PathOperand }) | ChangedOperand;

export type Modifier = 'isset' | 'changed' | 'length' | 'each' | 'lower';
const modifiers: readonly Modifier[] = ['isset', 'changed', 'length', 'each', 'lower'];

export interface Segment {
  name: string;
  modifier?: Modifier;
}

/** `name:modifier` → parts; an unknown or repeated modifier is a 400. */
export function splitModifier(segment: string, identifier: string): Segment {
  const parts = segment.split(':');
  if (parts.length === 1) return { name: segment };
  const modifier = parts[1] as Modifier;
  if (parts.length > 2 || !modifiers.includes(modifier)) {
    throw new FilterError(`Unknown modifier in "${identifier}".`);
  }
  return { name: parts[0], modifier };
}

/** Splits a dotted path; only the last segment may carry a modifier. */
export function splitPath(segments: readonly string[], identifier: string): { names: string[]; modifier?: Modifier } {
  const names: string[] = [];
  segments.forEach((segment, index) => {
    if (index < segments.length - 1 && segment.includes(':')) {
      throw new FilterError(`Modifiers are only allowed at the end of "${identifier}".`);
    }
    names.push(segment);
  });
  const last = splitModifier(names[names.length - 1], identifier);
  names[names.length - 1] = last.name;
  return { names, modifier: last.modifier };
}

/** Select, relation and file values can be iterated (`:each`) and counted (`:length`). */
export const isMultiValuer = (type: string) => type === 'select' || type === 'relation' || type === 'file';

export const isJsonLike = (type: string) => type === 'json' || type === 'geoPoint';

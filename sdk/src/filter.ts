/**
 * Safe construction of filter-language expressions. Values become literals the server's lexer reads back
 * exactly: inside quotes it only unescapes the enclosing quote, so every other character (backslashes,
 * newlines, control characters) is emitted verbatim and only `"` is escaped. A text that ends with a backslash
 * cannot be written as a literal at all (the closing quote would read as escaped): that throws.
 */
import type { JsonValue } from './schema-types.js';
import { formatDate } from './wire-format.js';

/** A finished expression; pass it as `filter`, combine it, or `String()` it. */
export class Filter {
  readonly expr: string;
  constructor(expr: string) {
    this.expr = expr;
  }
  toString(): string {
    return this.expr;
  }
}

export type FilterLiteral = string | number | boolean | null | undefined | Date | JsonValue;

/** A double-quoted text literal that the server's lexer decodes back to exactly `text`. */
export function quote(text: string): string {
  if (text.endsWith('\\')) throw new RangeError('A filter text value cannot end with a backslash (the filter language cannot express it).');
  return '"' + text.replace(/"/g, '\\"') + '"';
}

function formatNumber(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`A filter number must be finite, got ${n}.`);
  const s = String(n);
  if (!/e/i.test(s)) return s;
  // The lexer accepts only plain decimals: shift the shortest round-trip digits by the exponent.
  const [, sign = '', int = '', frac = '', exp = ''] = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s)!;
  const digits = int + frac;
  const point = int.length + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Any value as a literal: text quoted, numbers plain, Dates as quoted UTC datetimes, arrays/objects as quoted JSON. */
export function literal(value: FilterLiteral): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return quote(formatDate(value));
  return quote(JSON.stringify(value));
}

/** Raw expression with `{:name}` placeholders bound to safely escaped literals. */
export function filter(expr: string, params: Record<string, FilterLiteral> = {}): Filter {
  return new Filter(
    expr.replace(/\{:(\w+)\}/g, (whole, name: string) => (name in params ? literal(params[name]) : whole)),
  );
}

type Key<R> = keyof R & string;
type Modifier = 'lower' | 'length' | 'each';
/** A field, a field with a modifier, a relation/json path, or an `@request…`/`@collection…` operand. */
export type FieldPath<R> = Key<R> | `${Key<R>}:${Modifier}` | `${Key<R>}.${string}` | `@${string}`;
type Scalar<T> = T extends readonly (infer E)[] ? E : string extends T ? string | Date : T;
/** The value type a path compares against: the field's own type (element type for multi-value fields). */
export type ValueAt<R, P> = P extends Key<R>
  ? Scalar<R[P]> | null
  : P extends `${string}:length`
    ? number
    : FilterLiteral;

export type Operand<R> = FieldPath<R>;
type Compare<R> = <P extends FieldPath<R>>(field: P, value: ValueAt<R, P>) => Filter;

export interface FilterBuilder<R> {
  and(...parts: (Filter | string | false | null | undefined)[]): Filter;
  or(...parts: (Filter | string | false | null | undefined)[]): Filter;
  /** `field = value` (`?=` etc. are the any* variants, for multi-valued operands). */
  eq: Compare<R>;
  neq: Compare<R>;
  gt: Compare<R>;
  gte: Compare<R>;
  lt: Compare<R>;
  lte: Compare<R>;
  /** `~`: contains (the value is wrapped in `%…%` by the server unless it has a `%`). */
  like: Compare<R>;
  notLike: Compare<R>;
  anyEq: Compare<R>;
  anyNeq: Compare<R>;
  anyGt: Compare<R>;
  anyGte: Compare<R>;
  anyLt: Compare<R>;
  anyLte: Compare<R>;
  anyLike: Compare<R>;
  anyNotLike: Compare<R>;
  /** A multi-value field (select/relation/file) contains `value`: `field:each ?= value`. */
  has<P extends Key<R>>(field: P, value: ValueAt<R, P>): Filter;
  /** `(field = v1 || field = v2 …)`; an empty list matches nothing. */
  oneOf<P extends FieldPath<R>>(field: P, values: readonly ValueAt<R, P>[]): Filter;
  /** Raw expression with `{:name}` bindings. */
  raw(expr: string, params?: Record<string, FilterLiteral>): Filter;
}

const OPS = { eq: '=', neq: '!=', gt: '>', gte: '>=', lt: '<', lte: '<=', like: '~', notLike: '!~' } as const;

const IDENT = /^[@#_]?[\w.:]*\w$/;
function operand(field: string): string {
  if (!IDENT.test(field)) throw new RangeError(`Invalid filter field "${field}".`);
  return field;
}

function join(sep: string, parts: (Filter | string | false | null | undefined)[]): Filter {
  const kept = parts.filter((p): p is Filter | string => !!p && String(p) !== '');
  if (kept.length === 0) return new Filter('');
  return new Filter(kept.length === 1 ? String(kept[0]) : kept.map((p) => `(${p})`).join(sep));
}

function makeBuilder(): FilterBuilder<any> {
  const b: Record<string, unknown> = {
    and: (...parts: Filter[]) => join(' && ', parts),
    or: (...parts: Filter[]) => join(' || ', parts),
    oneOf: (field: string, values: FilterLiteral[]) =>
      values.length ? join(' || ', values.map((v) => new Filter(`${operand(field)} = ${literal(v)}`))) : new Filter('1 = 2'),
    raw: filter,
    has: (field: string, value: FilterLiteral) => new Filter(`${operand(field)}:each ?= ${literal(value)}`),
  };
  for (const [name, op] of Object.entries(OPS)) {
    b[name] = (field: string, value: FilterLiteral) => new Filter(`${operand(field)} ${op} ${literal(value)}`);
    const any = 'any' + name.charAt(0).toUpperCase() + name.slice(1);
    b[any] = (field: string, value: FilterLiteral) => new Filter(`${operand(field)} ?${op} ${literal(value)}`);
  }
  return b as unknown as FilterBuilder<any>;
}

const shared = makeBuilder();

/** The filter builder typed by a record type (the same object at runtime for every type). */
export function filterBuilder<R>(): FilterBuilder<R> {
  return shared as FilterBuilder<R>;
}

export type FilterInput<R> = string | Filter | ((f: FilterBuilder<R>) => Filter | string);

export function resolveFilter<R>(input: FilterInput<R> | undefined): string | undefined {
  if (input === undefined) return undefined;
  return String(typeof input === 'function' ? input(filterBuilder<R>()) : input) || undefined;
}
